package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.postOverHttp11;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Orders placed back to back by a few clients until {@link #stop()}: every answer (or failure to get one) is kept,
 * with when it was asked and how long it took. A client stops sending once {@code mayContinue} says no (as a load
 * balancer stops sending to an instance that is not ready), but finishes the request it has in flight. Over HTTP/1.1
 * keep-alive connections, as a load balancer or ingress proxy sends: an HTTP/2 client multiplexing on one connection
 * gets a GOAWAY as soon as the instance starts shutting down, and the JDK's client fails the requests that GOAWAY
 * reports unprocessed instead of sending them again (docs/operations.md, "Stopping").
 */
final class OrderLoad implements AutoCloseable {

    /** One request: its status (0 when no answer came), body, order id on 201, start and duration. */
    record Outcome(int status, String body, String orderId, long startedNanos, Duration took) {

        boolean created() {
            return status == 201;
        }
    }

    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();

    private OrderLoad(String orderServiceUrl, String customerId, String productId, int clientCount,
            BooleanSupplier mayContinue) {
        for (int client = 0; client < clientCount; client++) {
            clients.add(Thread.ofPlatform().name("order-load-" + client).start(() -> {
                while (running.get() && mayContinue.getAsBoolean()) {
                    outcomes.add(placeOrder(orderServiceUrl, customerId, productId));
                }
            }));
        }
    }

    static OrderLoad start(String orderServiceUrl, String customerId, String productId, int clients) {
        return new OrderLoad(orderServiceUrl, customerId, productId, clients, () -> true);
    }

    static OrderLoad start(String orderServiceUrl, String customerId, String productId, int clients,
            BooleanSupplier mayContinue) {
        return new OrderLoad(orderServiceUrl, customerId, productId, clients, mayContinue);
    }

    private static Outcome placeOrder(String orderServiceUrl, String customerId, String productId) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = postOverHttp11(orderServiceUrl + "/api/orders", order(customerId, productId, 1),
                    "Idempotency-Key", UUID.randomUUID().toString());
            String orderId = response.statusCode() == 201
                    ? body(response).get("id").asText()
                    : null;
            return new Outcome(response.statusCode(), response.body(), orderId, started,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (UncheckedIOException noAnswer) {
            return new Outcome(0, String.valueOf(noAnswer.getCause()), null, started,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Lets each client finish its request in flight, then returns every outcome. */
    List<Outcome> stop() {
        running.set(false);
        for (Thread client : clients) {
            try {
                client.join(Duration.ofSeconds(60));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return List.copyOf(outcomes);
    }

    List<Outcome> outcomesSoFar() {
        return List.copyOf(outcomes);
    }

    /** Blocks until at least {@code count} orders were created. */
    void awaitCreated(int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .alias("at least " + count + " orders created")
                .until(() -> outcomes.stream().filter(Outcome::created).count() >= count);
    }

    @Override
    public void close() {
        stop();
    }
}
