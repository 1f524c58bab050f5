package dev.reactivetracing.order.telemetry;

import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.testing.trace.SpanTree;
import dev.reactivetracing.tooling.process.FreePorts;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Canary for a workaround: in Quarkus 3.33.2 the extension traces REST client calls in the Vert.x HTTP client when a
 * request is sent, so an attempt whose connection is refused leaves no CLIENT span; {@code ConnectFailureSpanFilter}
 * records one. Each attempt must have exactly one span: when this fails with two, the extension records refused
 * connections itself and the filter can go (docs/upstream.md).
 */
@QuarkusTest
@TestProfile(ConnectFailureSpansCanaryTest.NobodyListening.class)
class ConnectFailureSpansCanaryTest {

    /** inventory-service's address has nothing behind it; one attempt per call. */
    public static class NobodyListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.inventory.url", "http://localhost:" + FreePorts.find(),
                    "orders.inventory.reserve.max-retries", "0");
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void aRefusedConnectionIsOneClientSpan() {
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(createCustomer(), item("SKU-NOBODY", 1)))
                .post("/api/orders").then().statusCode(503).extract().header("traceresponse"));
        // The whole request's spans, the server span last of them.
        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.spans().stream()
                .anyMatch(span -> span.getKind() == SpanKind.SERVER));

        List<SpanData> attempts = trace.all("POST /api/inventory/reservations");
        assertEquals(1, attempts.size(), trace::dump);
        assertEquals(SpanKind.CLIENT, attempts.get(0).getKind());
        assertEquals("java.net.ConnectException",
                attempts.get(0).getAttributes().get(AttributeKey.stringKey("error.type")), trace::dump);
    }
}
