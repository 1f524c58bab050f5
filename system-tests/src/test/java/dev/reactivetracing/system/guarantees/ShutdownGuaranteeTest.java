package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.system.guarantees.OrderLoad.Outcome;

/**
 * SIGTERM to order-service under load: readiness reports DOWN first, while requests are still served (the shutdown
 * delay, for load balancers to stop sending); the clients, like a load balancer, stop sending new requests once it
 * is not ready; every request sent completes with 201; the spans of the last orders reach the collector before the
 * process exits.
 */
class ShutdownGuaranteeTest {

    @AutoClose
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("sigterm", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"),
                // The production delay is 5 s; 2 s is plenty for a probe polling every 100 ms.
                Map.of("QUARKUS_SHUTDOWN_DELAY", "2s"));
    }

    @Test
    void inFlightRequestsCompleteAndTheLastSpansAreExported() {
        Guarantees.faultInjected();
        String product = createProduct(system.inventory.baseUrl(), 100, 1_000_000);
        String customerId = createCustomer(system.order.baseUrl(), "Shutdown Customer", "shutdown@example.com");
        List<Outcome> outcomes;
        List<String> readiness;
        int exitCode;
        long readinessDown;
        long sigterm;
        List<ReadinessWatch.Change> readinessChanges;
        try (ReadinessWatch ready = ReadinessWatch.untilUp(system.order.baseUrl());
                OrderLoad load = OrderLoad.start(system.order.baseUrl(), customerId, product, 4, ready::isUp)) {
            load.awaitCreated(50, Duration.ofSeconds(60));
            sigterm = System.nanoTime();
            CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(
                    () -> system.order.stop(Duration.ofSeconds(40)));
            exitCode = stopped.join();
            outcomes = load.stop();
            readiness = ready.states();
            readinessChanges = ready.changes();
            readinessDown = ready.firstNanos("DOWN");
        }

        long sigtermAt = sigterm;
        long failed = outcomes.stream().filter(outcome -> !outcome.created()).count();
        Guarantees.add(Figure.REQUESTS_FAILED_ON_SHUTDOWN, failed);
        assertEquals(0, failed, () -> "failed (ms after SIGTERM: start, took, answer): "
                + outcomes.stream().filter(outcome -> !outcome.created()).limit(5)
                        .map(outcome -> (outcome.startedNanos() - sigtermAt) / 1_000_000 + " ms, "
                                + outcome.took().toMillis() + " ms, " + outcome.status() + " " + outcome.body())
                        .toList()
                + "; readiness (ms after SIGTERM): " + readinessChanges.stream()
                        .map(change -> change.state() + "@" + (change.atNanos() - sigtermAt) / 1_000_000).toList());
        assertEquals(List.of("UP", "DOWN", "GONE"), readiness, "readiness: DOWN before the server went away");
        assertTrue(readinessDown > sigterm, "DOWN after the SIGTERM");
        assertEquals(143, exitCode, "exited by its own shutdown (128 + SIGTERM), not killed");

        // The last orders' traces, flushed on shutdown: their create_order spans are at the collector.
        List<String> lastOrders = outcomes.stream().filter(Outcome::created)
                .sorted((first, second) -> Long.compare(second.startedNanos(), first.startedNanos()))
                .limit(4).map(Outcome::orderId).toList();
        for (String orderId : lastOrders) {
            assertTrue(system.receiver.spans().stream().anyMatch(span -> span.name().equals("create_order")
                    && orderId.equals(span.attribute("reactivetracing.order.id"))),
                    "spans of order " + orderId + " exported");
        }
        Guarantees.survived();
    }
}
