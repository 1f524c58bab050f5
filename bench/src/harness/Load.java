import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed number of orders (not a measurement of speed): to train the AOT cache and before reading RSS. */
final class Load {

    record Outcome(int ok, int failed, double seconds) {
    }

    private Load() {
    }

    static Outcome orders(HttpClient http, String orderUrl, Path customersFile, int products, int count,
            int concurrency) {
        List<String> customers;
        try {
            customers = Files.readAllLines(customersFile).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        Bench.inParallel(concurrency, worker -> {
            while (next.getAndIncrement() < count) {
                try {
                    HttpResponse<Void> response = http.send(request(orderUrl, customers, products),
                            HttpResponse.BodyHandlers.discarding());
                    (response.statusCode() == 201 ? ok : failed).incrementAndGet();
                } catch (IOException | InterruptedException failure) {
                    failed.incrementAndGet();
                }
            }
        });
        return new Outcome(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    static HttpRequest request(String orderUrl, List<String> customers, int products) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int half = products / 2;
        String body = "{\"customer_id\":\"" + customers.get(random.nextInt(customers.size()))
                + "\",\"items\":[{\"product_id\":\"BENCH-" + random.nextInt(half) + "\",\"quantity\":1},"
                + "{\"product_id\":\"BENCH-" + (half + random.nextInt(products - half)) + "\",\"quantity\":1}]}";
        return HttpRequest.newBuilder(URI.create(orderUrl + "/api/orders")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
