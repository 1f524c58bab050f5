package dev.reactivetracing.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reactivetracing.bench.support.Tasks;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * Start to first order: from just before the process was started to the first 201 for real work, polled every 5 ms
 * (a refused connection costs microseconds, so polling does not slow the start).
 */
public final class FirstSuccess {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    private FirstSuccess() {
    }

    /** inventory-service: a reservation (what order-service asks of it for every order). */
    public static double reservation(HttpClient http, ServiceProcess inventory, Duration timeout) {
        return until(http, inventory, timeout, () -> HttpRequest.newBuilder(
                URI.create(inventory.baseUrl() + "/api/inventory/reservations")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order_id\":\"bench-start-" + UUID.randomUUID()
                        + "\",\"items\":[{\"product_id\":\"BENCH-0\",\"quantity\":1}]}"))
                .build());
    }

    /** order-service: an order (inventory-service already running). */
    public static double order(HttpClient http, ServiceProcess order, Path customersFile, int products,
            Duration timeout) {
        List<String> customers = Catalog.customers(customersFile);
        return until(http, order, timeout, () -> FixedOrders.request(order.baseUrl(), customers, products));
    }

    /** What Quarkus itself reports in its log ("started in 0.912s"): its boot, without the JVM's own start. */
    public static double quarkusStartedMs(ServiceProcess service) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Matcher matcher = STARTED_IN.matcher(Files.readString(service.logFile()));
                if (matcher.find()) {
                    return Double.parseDouble(matcher.group(1)) * 1000;
                }
            } catch (IOException notYet) {
                // keep looking
            }
            Tasks.sleep(Duration.ofMillis(50));
        }
        return Double.NaN;
    }

    private static double until(HttpClient http, ServiceProcess service, Duration timeout,
            Supplier<HttpRequest> request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited while starting:\n" + service.logTail(40));
            }
            try {
                HttpResponse<String> response = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    return Tasks.msSince(service.startNanos());
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", interrupted);
            }
            Tasks.sleep(Duration.ofMillis(5));
        }
        throw new IllegalStateException(service.name() + " did not complete real work within " + timeout.toSeconds()
                + " s (last answer: " + last + "):\n" + service.logTail(40));
    }
}
