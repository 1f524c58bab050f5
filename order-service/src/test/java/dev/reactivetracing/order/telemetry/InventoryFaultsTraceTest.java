package dev.reactivetracing.order.telemetry;

import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.order.InventoryServiceProcess;
import dev.reactivetracing.order.client.InventoryFaultsProfile;
import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.testing.trace.SpanTree;
import dev.reactivetracing.testing.http.FaultInjectingProxy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** What a person debugging a failed order sees: every retry, the error on each level, and the cause. */
@QuarkusTest
@TestProfile(InventoryFaultsProfile.class)
class InventoryFaultsTraceTest {

    private static final String RESERVATION_CALL = "POST /api/inventory/reservations";

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    InMemoryMetricExporter metrics;

    private final FaultInjectingProxy proxy = FaultInjectingProxy.shared(
            () -> InventoryServiceProcess.shared().baseUrl());

    @BeforeEach
    void healthy() {
        proxy.pass();
    }

    @AfterEach
    void heal() {
        proxy.pass();
    }

    /** Every span exported so far, failed attempts and all, follows the schema; so do the metrics. */
    @AfterEach
    void exportedTelemetryFollowsTheTelemetrySchema() {
        TelemetryContract.assertSpansConform(exporter.getFinishedSpanItems());
        TelemetryContract.assertMetricsConform(metrics.getFinishedMetricItems());
    }

    @Test
    void eachRetryIsASiblingClientSpanAndTheFailureIsAnErrorAllTheWayUp() {
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.FAIL_WITH_500, Duration.ZERO);
        SpanTree trace = failedOrder(tree -> tree.count(RESERVATION_CALL) == 3);

        SpanData checkInventory = trace.single(OrderTelemetry.CHECK_INVENTORY);
        List<SpanData> attempts = trace.all(RESERVATION_CALL);
        for (SpanData attempt : attempts) {
            trace.assertChildOf(attempt, checkInventory);
            assertEquals(SpanKind.CLIENT, attempt.getKind());
            assertEquals(StatusCode.ERROR, attempt.getStatus().getStatusCode(), trace.dump());
            assertEquals(500L, attempt.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        }
        assertFailed(trace, checkInventory, "InventoryServerErrorException");
        assertFailed(trace, trace.single(OrderTelemetry.CREATE_ORDER), "InventoryServerErrorException");
        SpanData server = trace.server();
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals(503L, server.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        // The server span records the exception too, its stack trace naming the cause.
        EventData serverException = server.getEvents().stream().filter(event -> event.getName().equals("exception"))
                .findFirst().orElseThrow(() -> new AssertionError("no exception event on the server span"));
        assertTrue(serverException.getAttributes().get(AttributeKey.stringKey("exception.stacktrace"))
                .contains("InventoryServerErrorException"));
        trace.assertConnected();
    }

    @Test
    void attemptsThatGetNoAnswerAtAllAreErrorSpansAndMeasured() {
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.DROP_CONNECTIONS,
                Duration.ZERO);
        SpanTree trace = failedOrder(tree -> tree.count(RESERVATION_CALL) == 3);

        SpanData checkInventory = trace.single(OrderTelemetry.CHECK_INVENTORY);
        for (SpanData attempt : trace.all(RESERVATION_CALL)) {
            trace.assertChildOf(attempt, checkInventory);
            assertEquals(StatusCode.ERROR, attempt.getStatus().getStatusCode(), trace.dump());
            assertTrue(attempt.getEvents().stream().anyMatch(event -> event.getName().equals("exception")),
                    "the transport failure is recorded on the attempt");
            assertEquals(null, attempt.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        }
        assertFailed(trace, checkInventory, "InventoryUnreachableException");
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.getFinishedMetricItems().stream()
                .filter(metric -> metric.getName().equals("http.client.request.duration"))
                .flatMap(metric -> metric.getData().getPoints().stream())
                .anyMatch(point -> point.getAttributes().get(AttributeKey.stringKey("error.type")) != null
                        && point.getAttributes().get(AttributeKey.longKey("http.response.status_code")) == null));
        assertTrue(metrics.getFinishedMetricItems().stream()
                .filter(metric -> metric.getName().equals("http.client.request.duration"))
                .flatMap(metric -> metric.getData().getPoints().stream())
                .noneMatch(point -> Long.valueOf(0).equals(
                        point.getAttributes().get(AttributeKey.longKey("http.response.status_code")))),
                "no made-up status code 0");
    }

    @Test
    void timedOutAttemptsAreTracedAndTheCompensationIsToo() {
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.SLOW_ANSWERS,
                Duration.ofMillis(InventoryFaultsProfile.TIMEOUT_MILLIS * 4L));
        SpanTree trace = failedOrder(tree -> tree.count(RESERVATION_CALL) == 3
                && tree.has("DELETE /api/inventory/reservations"));

        SpanData checkInventory = trace.single(OrderTelemetry.CHECK_INVENTORY);
        trace.all(RESERVATION_CALL).forEach(attempt -> trace.assertChildOf(attempt, checkInventory));
        assertFailed(trace, checkInventory, "TimeoutException");
        // The compensating release (the reservation may have landed) runs under create_order, after check_inventory.
        SpanData release = trace.single("DELETE /api/inventory/reservations");
        trace.assertChildOf(release, trace.single(OrderTelemetry.CREATE_ORDER));
        assertTrue(release.getStartEpochNanos() >= checkInventory.getEndEpochNanos());
    }

    private SpanTree failedOrder(java.util.function.Predicate<SpanTree> complete) {
        String product = createProduct(100, 10);
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(createCustomer(), item(product, 1)))
                .post("/api/orders").then().statusCode(503).extract().header("traceresponse"));
        return SpanTree.await(exporter, traceId, tree -> complete.test(tree)
                && tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
    }

    /** ERROR, error.type, and an exception event whose cause chain names the root cause. */
    private static void assertFailed(SpanTree trace, SpanData span, String rootCause) {
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode(), span.getName() + ":\n" + trace.dump());
        assertTrue(span.getAttributes().get(ErrorAttributes.ERROR_TYPE) != null, span.getName());
        EventData exception = span.getEvents().stream().filter(event -> event.getName().equals("exception"))
                .findFirst().orElseThrow(() -> new AssertionError(span.getName() + " has no exception event"));
        String chain = exception.getAttributes().get(ProjectAttributes.EXCEPTION_CAUSE_CHAIN);
        assertTrue(chain != null && chain.contains(rootCause), span.getName() + " cause chain: " + chain);
    }
}
