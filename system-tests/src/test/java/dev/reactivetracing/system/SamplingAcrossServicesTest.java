package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.sampled;
import static dev.reactivetracing.system.Api.traceIdOf;
import static dev.reactivetracing.system.RunningSystem.INVENTORY;
import static dev.reactivetracing.system.RunningSystem.ORDER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.testing.schema.TelemetryContract;

/** Head sampling at ratio 0 in both services: the edge decides, the rest of the system follows. */
class SamplingAcrossServicesTest {

    private static final String SAMPLING_FORCED = "reactivetracing.sampling.forced";

    private static RunningSystem system;
    private static String product;
    private static String customerId;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("sampling", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.0"), Map.of());
        product = createProduct(system.inventory.baseUrl(), 100, 100);
        customerId = createCustomer(system.order.baseUrl(), "Test", "s-" + UUID.randomUUID() + "@x.org");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** What was recorded (forced traces) follows telemetry-schema/telemetry.yaml. */
    @AfterEach
    void everythingReceivedFollowsTheTelemetrySchema() {
        TelemetryContract.assertReceivedSpansConform(system.receiver.spans());
    }

    @Test
    void ratioZeroRecordsNothingInEitherService() {
        HttpResponse<String> response = expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1)));
        assertFalse(sampled(response));
        String traceId = traceIdOf(response);
        // Well past the export delay and the outbox delivery: nothing of this trace, from anyone.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> system.receiver.spansOfTrace(traceId).isEmpty());
    }

    @Test
    void forcedTraceIsWholeInBothServices() {
        HttpResponse<String> response = expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1), "x-force-trace", "true"));
        TraceView trace = awaitTrace(traceIdOf(response));

        assertEquals(Boolean.TRUE, trace.single(ORDER, "POST /api/orders").attribute(SAMPLING_FORCED));
        // inventory-service was not asked to force: it follows the sampled flag of its caller.
        assertNull(trace.single(INVENTORY, "POST /api/inventory/reservations").attribute(SAMPLING_FORCED));
        trace.assertOneConnectedTree();
    }

    @Test
    void callersSampledDecisionIsFollowedByBothServices() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        expect(201, post(system.order.baseUrl() + "/api/orders", order(customerId, product, 1),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        TraceView trace = awaitTrace(traceId);
        assertEquals("00f067aa0ba902b7", trace.single(ORDER, "POST /api/orders").parentSpanId());
    }

    /** Waits for the spans that end last: both services' server spans and the outbox delivery. */
    private static TraceView awaitTrace(String traceId) {
        return new TraceView(system.receiver.awaitSpans(received -> {
            TraceView trace = new TraceView(received.stream().filter(span -> span.traceId().equals(traceId)).toList());
            return trace.has(INVENTORY, "POST /api/inventory/events") && trace.has(ORDER, "send order.created")
                    && trace.has(ORDER, "POST /api/orders");
        }, Duration.ofSeconds(20)).stream().filter(span -> span.traceId().equals(traceId)).toList());
    }
}
