package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.traceIdOf;
import static dev.reactivetracing.system.RunningSystem.ORDER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.system.TraceView;
import dev.reactivetracing.tooling.process.FreePorts;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.testing.http.FaultInjectingProxy.Mode;
import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.tooling.otlp.ReceivedEvent;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/**
 * inventory-service failing in each way it can (answering 500, dropping connections, not listening, answering after
 * the timeout): order-service answers 503 problem+json within its timeout budget, keeps no order and leaves no
 * reservation behind, shows every retry in the trace, and its circuit breaker opens, then closes again through
 * half-open once inventory-service is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryOutageGuaranteeTest {

    /** The production limits: 3 attempts of at most 2 s each, 100 ms (+50 ms jitter) apart, and a second to spare. */
    private static final Duration TIMEOUT_BUDGET = Duration.ofMillis(3 * 2000 + 2 * 150 + 1000);
    private static final String RESERVATIONS = "/api/inventory/reservations";
    private static final String CHECK_INVENTORY = "check_inventory";
    private static final String CLIENT_CALL = "POST " + RESERVATIONS;
    private static final String BREAKER_STATE = "reactivetracing.circuit_breaker.state";
    private static final String CAUSE_CHAIN = "reactivetracing.exception.cause_chain";

    @AutoClose
    private static RunningSystem system;
    private static String product;
    private static String customerId;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("inventoryoutage", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), Map.of());
        product = createProduct(system.inventory.baseUrl(), 700, 1_000);
        customerId = createCustomer(system.order.baseUrl(), "Outage Customer", "outage@example.com");
    }

    /** What failing calls, timeouts and the circuit breaker put into the traces follows the telemetry schema. */
    @AfterEach
    void everythingReceivedFollowsTheTelemetrySchema() {
        TelemetryContract.assertReceivedSpansConform(system.receiver.spans());
    }

    @Test
    @Order(1)
    void inventoryAnswering500() {
        Guarantees.faultInjected();
        system.proxy.misbehave(RESERVATIONS, Mode.FAIL_WITH_500, Duration.ZERO);
        TraceView trace = unavailableWithinBudget(system.order.baseUrl());
        failedAttempts(trace).forEach(attempt ->
                assertEquals(500L, attempt.attribute("http.response.status_code"), trace::dump));
        nothingKept();
        Guarantees.survived();
    }

    @Test
    @Order(2)
    void inventoryDroppingConnections() {
        Guarantees.faultInjected();
        system.proxy.misbehave(RESERVATIONS, Mode.DROP_CONNECTIONS, Duration.ZERO);
        failedAttempts(unavailableWithinBudget(system.order.baseUrl()));
        nothingKept();
        Guarantees.survived();
    }

    @Test
    @Order(3)
    void inventoryNotListening() {
        Guarantees.faultInjected();
        // A second order-service whose inventory-service address has nothing behind it: connections are refused.
        try (ServiceProcess orphan = system.startAnotherOrderService(Map.of("QUARKUS_REST_CLIENT_INVENTORY_URL",
                "http://localhost:" + FreePorts.find()))) {
            failedAttempts(unavailableWithinBudget(orphan.baseUrl()));
            nothingKept();
        }
        Guarantees.survived();
    }

    @Test
    @Order(4)
    void inventorySlowerThanTheTimeout() {
        Guarantees.faultInjected();
        // inventory-service reserves at once; its answer comes long after order-service's 2 s limit, every attempt.
        system.proxy.misbehave(RESERVATIONS, Mode.SLOW_ANSWERS, Duration.ofMillis(4_000));
        TraceView trace = unavailableWithinBudget(system.order.baseUrl());
        // Three attempts, each a client span of check_inventory, which failed with the timeout. Each attempt was
        // abandoned at the production limit of 2 s (its span ends there, not when the late answer would have come),
        // before the next one was sent.
        TraceView complete = awaitTrace(trace.single(ORDER, "create_order").traceId(),
                view -> view.all(ORDER, CLIENT_CALL).size() == 3);
        List<ReceivedSpan> attempts = complete.all(ORDER, CLIENT_CALL).stream()
                .sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos)).toList();
        for (int index = 0; index < attempts.size(); index++) {
            ReceivedSpan attempt = attempts.get(index);
            Duration lasted = Duration.ofNanos(attempt.durationNanos());
            assertTrue(lasted.compareTo(Duration.ofMillis(1_950)) >= 0 && lasted.compareTo(Duration.ofMillis(3_500)) < 0,
                    "attempt " + index + " lasted " + lasted + ": the limit is 2 s\n" + complete.dump());
            if (index > 0) {
                assertTrue(attempt.startEpochNanos() >= attempts.get(index - 1).endEpochNanos(),
                        "an attempt starts after the one before it was abandoned\n" + complete.dump());
            }
        }
        ReceivedSpan checkInventory = complete.single(ORDER, CHECK_INVENTORY);
        assertEquals("ERROR", checkInventory.statusCode());
        assertTrue(checkInventory.events().stream().anyMatch(event -> event.name().equals("exception")
                && String.valueOf(event.attribute(CAUSE_CHAIN)).contains("TimeoutException")),
                complete::dump);
        assertEquals(3, complete.all(ORDER, CLIENT_CALL).size(), complete::dump);
        complete.all(ORDER, CLIENT_CALL).forEach(attempt -> complete.assertChildOf(attempt, checkInventory));
        // The reservation inventory-service did make is given back (compensation), so no stock stays held.
        nothingKept();
        Guarantees.survived();
    }

    @Test
    @Order(5)
    void circuitBreakerOpensAndRecoversThroughHalfOpen() {
        Guarantees.faultInjected();
        system.proxy.misbehave(RESERVATIONS, Mode.FAIL_WITH_500, Duration.ZERO);
        // 20 calls in the window, half of them failed: the breaker opens. It judges whole calls, each order's one
        // call with its retries inside, so it opens on the 20th failed order at the earliest.
        String openTrace = null;
        int failedOrders = 0;
        for (int attempt = 0; attempt < 30 && openTrace == null; attempt++) {
            HttpResponse<String> response = placeOrder(system.order.baseUrl());
            assertEquals(503, response.statusCode(), response::body);
            String traceId = traceIdOf(response);
            TraceView trace = awaitTrace(traceId);
            if ("open".equals(trace.single(ORDER, CHECK_INVENTORY).attribute(BREAKER_STATE))) {
                openTrace = traceId;
            } else {
                failedOrders++;
            }
        }
        assertTrue(openTrace != null, "the breaker never opened");
        // The earlier tests of this class left three failed calls in the window, so it opens after 17 more; had it
        // counted attempts (three an order), it would have opened after 7 at the latest.
        assertTrue(failedOrders >= 15 && failedOrders <= 20, "opened after " + failedOrders + " failed orders");
        // Open: the next order fails at once, without calling inventory-service.
        system.proxy.resetCounts();
        long started = System.nanoTime();
        HttpResponse<String> shortCircuited = placeOrder(system.order.baseUrl());
        Duration failedIn = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(503, shortCircuited.statusCode());
        assertEquals("application/problem+json", shortCircuited.headers().firstValue("content-type").orElse(""));
        assertTrue(failedIn.compareTo(Duration.ofSeconds(1)) < 0, "open breaker answered in " + failedIn);
        assertEquals(0, system.proxy.postsTo(RESERVATIONS), "an open breaker does not call inventory-service");
        TraceView rejected = awaitTrace(traceIdOf(shortCircuited));
        assertEquals("open", rejected.single(ORDER, CHECK_INVENTORY).attribute(BREAKER_STATE));
        assertTrue(rejected.all(ORDER, CLIENT_CALL).isEmpty(), rejected::dump);

        // inventory-service is back; after the breaker's delay (5 s) it lets calls try again (half-open), and two
        // successes close it.
        system.proxy.pass();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> placeOrder(system.order.baseUrl()).statusCode() == 201);
        expect(201, placeOrder(system.order.baseUrl()));
        expect(201, placeOrder(system.order.baseUrl()));

        // Opening and closing are events in the trace of the call that caused them; half-open shows on the
        // check_inventory of the trial call, which went through.
        List<String> decisions = await().atMost(Duration.ofSeconds(10)).until(() -> system.receiver.spans().stream()
                .filter(span -> span.serviceName().equals(ORDER))
                .flatMap(span -> span.events().stream())
                .filter(event -> event.name().equals("reactivetracing.circuit_breaker.state_change")
                        && "inventory-reserve".equals(event.attribute("reactivetracing.circuit_breaker.name")))
                .sorted(Comparator.comparingLong(ReceivedEvent::epochNanos))
                .map(event -> event.attribute(BREAKER_STATE).toString())
                .toList(), states -> states.contains("closed"));
        // half_open is an event only when a call, not the breaker's timer, made the move.
        assertTrue(decisions.equals(List.of("open", "closed")) || decisions.equals(List.of("open", "half_open",
                "closed")), decisions::toString);
        assertTrue(system.receiver.spans().stream().anyMatch(span -> span.name().equals(CHECK_INVENTORY)
                && "half_open".equals(span.attribute(BREAKER_STATE))
                && span.statusCode().equals("UNSET")), "a trial call in half-open state succeeded");
        // SmallRye Fault Tolerance's own metrics count it too, by the breaker's name.
        await().atMost(Duration.ofSeconds(5)).until(() -> system.receiver.metrics().stream()
                .filter(metric -> metric.name().equals("ft.circuitbreaker.opened.total"))
                .anyMatch(metric -> metric.hasPointWith("method", "inventory-reserve")));
        Guarantees.survived();
    }

    /** An order while inventory-service fails: 503 problem+json, in time, with the trace of the attempts. */
    private static TraceView unavailableWithinBudget(String orderServiceUrl) {
        long started = System.nanoTime();
        HttpResponse<String> response = placeOrder(orderServiceUrl);
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(503, response.statusCode(), response::body);
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        assertTrue(body(response).get("type").asText().endsWith("/inventory-unavailable"), response.body());
        assertTrue(answeredIn.compareTo(TIMEOUT_BUDGET) <= 0, "503 after " + answeredIn + ", budget " + TIMEOUT_BUDGET);
        TraceView trace = awaitTrace(traceIdOf(response));
        ReceivedSpan createOrder = trace.single(ORDER, "create_order");
        assertEquals("ERROR", createOrder.statusCode(), trace::dump);
        return trace;
    }

    /** Three attempts (the first and two retries), each a failed client span of check_inventory. */
    private static List<ReceivedSpan> failedAttempts(TraceView trace) {
        List<ReceivedSpan> attempts = trace.all(ORDER, CLIENT_CALL);
        assertEquals(3, attempts.size(), trace::dump);
        attempts.forEach(attempt -> {
            trace.assertChildOf(attempt, trace.single(ORDER, CHECK_INVENTORY));
            assertEquals("ERROR", attempt.statusCode(), trace::dump);
        });
        return attempts;
    }

    private static HttpResponse<String> placeOrder(String orderServiceUrl) {
        return post(orderServiceUrl + "/api/orders", order(customerId, product, 1),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    /** No order stored, and (after compensation) no stock held by a reservation. */
    private static void nothingKept() {
        assertEquals(0, SystemState.ordersOf(system, customerId));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(0, SystemState.heldReservations(system, product));
            assertEquals(1_000, SystemState.stockOf(system, product));
        });
    }

    private static TraceView awaitTrace(String traceId) {
        return awaitTrace(traceId, view -> view.spans().stream()
                .anyMatch(span -> span.name().equals("POST /api/orders") && span.isRoot()));
    }

    private static TraceView awaitTrace(String traceId, Predicate<TraceView> complete) {
        List<ReceivedSpan> spans = system.receiver.awaitSpans(received -> complete.test(new TraceView(
                received.stream().filter(span -> span.traceId().equals(traceId)).toList())), Duration.ofSeconds(15));
        return new TraceView(spans.stream().filter(span -> span.traceId().equals(traceId)).toList());
    }
}
