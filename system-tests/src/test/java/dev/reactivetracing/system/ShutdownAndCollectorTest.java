package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.postAsync;
import static dev.reactivetracing.system.Api.traceIdOf;
import static dev.reactivetracing.system.RunningSystem.ORDER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.tooling.process.FreePorts;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.testing.http.FaultInjectingProxy;

/** What happens to requests and spans when a service stops, when nobody collects its spans, and when inventory is gone. */
class ShutdownAndCollectorTest {

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("shutdown", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void sigtermLetsTheRequestInFlightFinishAndFlushesItsSpans() throws Exception {
        // A service that would keep its spans for a minute: only the shutdown flush can deliver them in time.
        ServiceProcess order = system.startAnotherOrderService(Map.of("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "60s"));
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(order.baseUrl(), "Test", "term-" + UUID.randomUUID() + "@x.org");
        system.proxy.misbehave("/api/inventory/reservations", FaultInjectingProxy.Mode.SLOW_ANSWERS,
                Duration.ofMillis(1500));
        try {
            CompletableFuture<HttpResponse<String>> inFlight = postAsync(order.baseUrl() + "/api/orders",
                    order(customerId, product, 1));
            // SIGTERM once the reservation is on its way (the proxy holds its answer back).
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> system.proxy.postsTo("/api/inventory/reservations") >= 1);
            Instant signalled = Instant.now();
            int exitCode = order.stop(Duration.ofSeconds(40));
            Duration stopping = Duration.between(signalled, Instant.now());

            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(201, response.statusCode(), "the request in flight finished: " + response.body());
            // The JVM ends a SIGTERM-initiated shutdown with 143 (128 + 15); killed after the grace it would be 137.
            assertEquals(143, exitCode, "stopped by its own shutdown, not killed");
            assertTrue(stopping.compareTo(Duration.ofSeconds(40)) < 0, "stopped in " + stopping);
            String traceId = traceIdOf(response);
            TraceView trace = new TraceView(system.receiver.spansOfTrace(traceId));
            assertTrue(trace.has(ORDER, "POST /api/orders") && trace.has(ORDER, "save_order")
                    && trace.has(ORDER, "check_inventory"), "flushed on SIGTERM:\n" + trace.dump());
        } finally {
            system.proxy.pass();
            order.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnreachableCollectorNeitherFailsNorSlowsRequests() {
        int nobodyListens = FreePorts.find();
        ServiceProcess order = system.startAnotherOrderService(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:" + nobodyListens));
        try {
            String product = createProduct(system.inventory.baseUrl(), 100, 100);
            String customerId = createCustomer(order.baseUrl(), "Test", "nocol-" + UUID.randomUUID() + "@x.org");
            for (int request = 0; request < 20; request++) {
                Instant start = Instant.now();
                expect(201, post(order.baseUrl() + "/api/orders", order(customerId, product, 1)));
                Duration took = Duration.between(start, Instant.now());
                assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "request " + request + " took " + took);
            }
        } finally {
            order.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void unreachableInventoryShowsEveryFailedAttemptAndTheMetricSaysWhy() {
        int nobodyListens = FreePorts.find();
        ServiceProcess order = system.startAnotherOrderService(Map.of(
                "QUARKUS_REST_CLIENT_INVENTORY_URL", "http://localhost:" + nobodyListens));
        try {
            String customerId = createCustomer(order.baseUrl(), "Test", "down-" + UUID.randomUUID() + "@x.org");
            HttpResponse<String> response = expect(503, post(order.baseUrl() + "/api/orders",
                    order(customerId, "SKU-1", 1)));
            String traceId = traceIdOf(response);
            // The attempts and check_inventory, which ends after them (and may come in a later batch).
            TraceView trace = new TraceView(system.receiver.awaitSpans(received -> {
                TraceView sofar = new TraceView(received.stream().filter(span -> span.traceId().equals(traceId))
                        .toList());
                return sofar.all(ORDER, "POST /api/inventory/reservations").size() == 3
                        && sofar.has(ORDER, "check_inventory");
            }, Duration.ofSeconds(15)).stream().filter(span -> span.traceId().equals(traceId)).toList());

            for (var attempt : trace.all(ORDER, "POST /api/inventory/reservations")) {
                assertEquals("ERROR", attempt.statusCode(), trace.dump());
                assertTrue(attempt.events().stream().anyMatch(event -> event.name().equals("exception")),
                        "the connection failure is on the attempt");
                trace.assertChildOf(attempt, trace.single(ORDER, "check_inventory"));
            }
            system.receiver.awaitMetrics(metrics -> metrics.stream().anyMatch(metric ->
                    metric.name().equals("http.client.request.duration") && metric.points().stream()
                            .anyMatch(point -> point.attribute("error.type") != null
                                    && point.attribute("error.type").toString().contains("Connect"))),
                    Duration.ofSeconds(15));
        } finally {
            order.stop(Duration.ofSeconds(30));
        }
    }
}
