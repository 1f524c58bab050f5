package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.get;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.sampled;
import static dev.reactivetracing.system.Api.traceIdOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/**
 * Tracing headers come from outside and are untrusted: malformed traceparent, b3 and baggage never break a request
 * (the trace starts afresh), oversized baggage is not forwarded, x-force-trace is rate-limited, and an x-request-id
 * that is too long or has odd characters is replaced before it reaches logs or spans.
 */
class TracingHeadersGuaranteeTest {

    private static final String RESERVATIONS = "/api/inventory/reservations";

    @AutoClose
    private static RunningSystem system;
    private static String product;
    private static String customerId;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("tracingheaders", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), Map.of());
        product = createProduct(system.inventory.baseUrl(), 100, 1_000_000);
        customerId = createCustomer(system.order.baseUrl(), "Header Customer", "headers@example.com");
    }

    @Test
    void malformedTracingHeadersNeverBreakARequest() {
        String zeros32 = "0".repeat(32);
        List<List<String>> malformed = List.of(
                List.of("traceparent", ""), List.of("traceparent", "garbage"),
                List.of("traceparent", "00-" + zeros32 + "-0000000000000000-01"),
                List.of("traceparent", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                List.of("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01"),
                List.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"),
                List.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01"),
                List.of("traceparent", "00-" + "a".repeat(2_000) + "-00f067aa0ba902b7-01"),
                List.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz"),
                List.of("tracestate", "=,=,=" + ",k=v".repeat(100)),
                List.of("b3", "garbage"), List.of("b3", "1"), List.of("b3", zeros32 + "-" + "0".repeat(16)),
                List.of("b3", "4bf92f3577b34da6-00f067aa0ba902b7-maybe"),
                List.of("X-B3-TraceId", "zzzz", "X-B3-SpanId", "", "X-B3-Sampled", "perhaps"),
                List.of("X-B3-TraceId", "a".repeat(64), "X-B3-SpanId", "b".repeat(64)),
                List.of("baggage", "==="), List.of("baggage", "k=v;;;;;"), List.of("baggage", "k=%ZZ%"),
                List.of("baggage", ",,,,"), List.of("baggage", "k=" + "v".repeat(9_000)),
                List.of("traceparent", "garbage", "b3", "garbage", "baggage", "===", "tracestate", "==="));
        List<String> broken = new ArrayList<>();
        for (List<String> headers : malformed) {
            HttpResponse<String> response = post(system.order.baseUrl() + "/api/orders",
                    order(customerId, product, 1), headers.toArray(String[]::new));
            Guarantees.add(Figure.INPUTS_TRIED, 1);
            Guarantees.add(Figure.SERVER_ERRORS, response.statusCode() >= 500 ? 1 : 0);
            if (response.statusCode() != 201 || traceIdOf(response).equals(zeros32)) {
                broken.add(headers + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    void oversizedBaggageIsNotForwarded() {
        String manyMembers = IntStream.range(0, 100).mapToObj(member -> "k" + member + "=v")
                .collect(Collectors.joining(","));
        for (String oversized : List.of(manyMembers, "big=" + "v".repeat(9_000))) {
            assertEquals(201, post(system.order.baseUrl() + "/api/orders", order(customerId, product, 1),
                    "baggage", oversized).statusCode());
            assertFalse(system.proxy.lastRequestHeaders(RESERVATIONS).containsKey("baggage"),
                    () -> "forwarded: " + system.proxy.lastRequestHeaders(RESERVATIONS).get("baggage"));
        }
        // Baggage within bounds still travels.
        assertEquals(201, post(system.order.baseUrl() + "/api/orders", order(customerId, product, 1),
                "baggage", "tenant=acme").statusCode());
        assertEquals(List.of("tenant=acme"), system.proxy.lastRequestHeaders(RESERVATIONS).get("baggage"));
    }

    @Test
    void forcedTracesAreRateLimited() {
        // An instance that samples nothing by itself: every sampled trace here was forced.
        try (ServiceProcess unsampled = system.startAnotherOrderService(Map.of("OTEL_TRACES_SAMPLER_ARG", "0"))) {
            String customerUrl = unsampled.baseUrl() + "/api/customers/" + customerId;
            assertFalse(sampled(get(customerUrl)), "not sampled without the header");
            long started = System.nanoTime();
            int forced = 0;
            int requests = 100;
            for (int request = 0; request < requests; request++) {
                forced += sampled(get(customerUrl, "x-force-trace", "true")) ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // tracing.forced-traces.max-per-second=10, a token bucket that starts full.
            long allowed = 10 + (long) Math.ceil(seconds * 10);
            assertTrue(forced >= 1, "x-force-trace works");
            assertTrue(forced <= allowed, forced + " of " + requests + " forced in " + seconds + " s");
            assertTrue(forced < requests);
        }
    }

    @Test
    void oddRequestIdsAreReplacedBeforeLogsAndSpans() throws IOException {
        List<String> hostileIds = List.of("evil-" + "x".repeat(100), "evil id with spaces 7f3a",
                "<script>evil7f3a</script>", "evil7f3b' OR 1=1 --", "evil7f3d;rm -rf");
        for (String hostile : hostileIds) {
            HttpResponse<String> response = post(system.order.baseUrl() + "/api/orders",
                    order(customerId, product, 1), "x-request-id", hostile);
            assertEquals(201, response.statusCode());
            String echoed = response.headers().firstValue("x-request-id").orElse("");
            assertNotEquals(hostile, echoed);
            assertTrue(echoed.matches("[A-Za-z0-9._:-]{1,64}"), echoed);
            String traceId = traceIdOf(response);
            List<ReceivedSpan> trace = system.receiver.awaitSpans(spans -> spans.stream().anyMatch(span ->
                    span.traceId().equals(traceId) && span.isRoot()), Duration.ofSeconds(10));
            ReceivedSpan server = trace.stream().filter(span -> span.traceId().equals(traceId) && span.isRoot())
                    .findFirst().orElseThrow();
            assertEquals(List.of(echoed), server.attribute("http.request.header.x-request-id"));
        }
        for (ServiceProcess service : List.of(system.order, system.inventory)) {
            String log = Files.readString(service.logFile());
            for (String hostile : hostileIds) {
                assertFalse(log.contains(hostile), service + " logged " + hostile);
            }
        }
    }
}
