package dev.reactivetracing.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactivetracing.bench.support.Tasks;

/** A fixed number of orders (not a measurement of speed): to train the AOT cache and before reading RSS. */
public final class FixedOrders {

    public record Outcome(int ok, int failed, double seconds) {
    }

    private FixedOrders() {
    }

    public static Outcome place(HttpClient http, String orderUrl, Path customersFile, int products, int count,
            int concurrency) {
        List<String> customers = Catalog.customers(customersFile);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        Tasks.inParallel(concurrency, worker -> {
            while (next.getAndIncrement() < count) {
                try {
                    HttpResponse<Void> response = http.send(request(orderUrl, customers, products),
                            HttpResponse.BodyHandlers.discarding());
                    (response.statusCode() == 201 ? ok : failed).incrementAndGet();
                } catch (IOException failure) {
                    failed.incrementAndGet();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        return new Outcome(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    /** An order of two products from the two halves of the catalog and a random customer. */
    public static HttpRequest request(String orderUrl, List<String> customers, int products) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int half = products / 2;
        String body = "{\"customer_id\":\"" + customers.get(random.nextInt(customers.size()))
                + "\",\"items\":[{\"product_id\":\"BENCH-" + random.nextInt(half) + "\",\"quantity\":1},"
                + "{\"product_id\":\"BENCH-" + (half + random.nextInt(products - half)) + "\",\"quantity\":1}]}";
        return HttpRequest.newBuilder(URI.create(orderUrl + "/api/orders")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
