package dev.reactivetracing.inventory.telemetry;

import static dev.reactivetracing.inventory.rest.InventoryApiCalls.createProduct;
import static dev.reactivetracing.inventory.rest.InventoryApiCalls.line;
import static dev.reactivetracing.inventory.rest.InventoryApiCalls.reservation;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.telemetry.OutboxMessaging;
import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.inventory.InventoryDatabase;
import dev.reactivetracing.inventory.service.ReservationService;
import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.testing.trace.SpanTree;
import dev.reactivetracing.testing.ApplicationDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.incubating.DbIncubatingAttributes;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** inventory-service's part of an order's trace, from the spans its SDK really exports. */
@QuarkusTest
class InventoryTraceTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final AttributeKey<List<String>> REQUEST_ID_HEADER = AttributeKey
            .stringArrayKey("http.request.header.x-request-id");

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    ReservationService reservations;

    /** Every span exported so far (this test's and earlier ones' of the same application) follows the schema. */
    @AfterEach
    void exportedSpansFollowTheTelemetrySchema() {
        TelemetryContract.assertSpansConform(exporter.getFinishedSpanItems());
    }

    @Test
    void reservationContinuesTheCallersTraceWithItsStepAndSql() {
        String product = createProduct(700, 10);
        String orderId = UUID.randomUUID().toString();
        String traceId = newTraceId();
        given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
                .header("x-request-id", "req-inventory-1")
                .body(reservation(orderId, line(product, 2)))
                .post("/api/inventory/reservations").then().statusCode(201);
        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.has(InventoryTelemetry.RESERVE_STOCK)
                && tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));

        SpanData server = trace.server();
        assertEquals("POST /api/inventory/reservations", server.getName());
        assertEquals(CALLER_SPAN, server.getParentSpanId(), "child of the caller's span");
        assertTrue(server.getParentSpanContext().isRemote());
        assertEquals(List.of("req-inventory-1"), server.getAttributes().get(REQUEST_ID_HEADER));

        SpanData reserveStock = trace.single(InventoryTelemetry.RESERVE_STOCK);
        trace.assertChildOf(reserveStock, server);
        assertEquals(orderId, reserveStock.getAttributes().get(ProjectAttributes.ORDER_ID));
        assertEquals(1L, reserveStock.getAttributes().get(ProjectAttributes.ORDER_ITEM_COUNT));
        // One statement: the product's row lock is never held across a round trip.
        assertEquals(List.of("SELECT reserve_stock"), trace.childNamesOf(reserveStock));

        SpanData takeStock = trace.single("SELECT reserve_stock");
        trace.assertChildOf(takeStock, reserveStock);
        assertEquals(SpanKind.CLIENT, takeStock.getKind());
        assertEquals("postgresql", takeStock.getAttributes().get(DbAttributes.DB_SYSTEM_NAME));
        assertEquals(InventoryDatabase.NAME, takeStock.getAttributes().get(DbAttributes.DB_NAMESPACE));
        assertEquals("reserve_stock", takeStock.getAttributes().get(DbAttributes.DB_STORED_PROCEDURE_NAME));
        assertEquals("SELECT", takeStock.getAttributes().get(DbAttributes.DB_OPERATION_NAME));
        assertEquals(null, takeStock.getAttributes().get(DbAttributes.DB_COLLECTION_NAME));
        assertEquals(1L, takeStock.getAttributes().get(DbIncubatingAttributes.DB_RESPONSE_RETURNED_ROWS),
                "one line reserved");
        assertFalse(takeStock.getAttributes().get(DbAttributes.DB_QUERY_TEXT).contains(product), "no bound values");
        trace.spans().forEach(span -> assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode()));
    }

    @Test
    void b3HeadersAreAcceptedToo() {
        String traceId = newTraceId();
        given().header("X-B3-TraceId", traceId).header("X-B3-SpanId", CALLER_SPAN).header("X-B3-Sampled", "1")
                .get("/api/products/{id}", "NOPE-B3").then().statusCode(404);
        SpanTree trace = SpanTree.await(exporter, traceId,
                tree -> tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        assertEquals(CALLER_SPAN, trace.server().getParentSpanId());
    }

    @Test
    void shortStockIsARejectionNotAnError() {
        String product = createProduct(100, 1);
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(reservation(UUID.randomUUID().toString(), line(product, 2)))
                .post("/api/inventory/reservations").then().statusCode(409).extract().header("traceresponse"));
        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.has(InventoryTelemetry.RESERVE_STOCK)
                && tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));

        for (SpanData span : List.of(trace.server(), trace.single(InventoryTelemetry.RESERVE_STOCK))) {
            assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), span.getName());
            assertEquals("insufficient_stock", span.getAttributes().get(ProjectAttributes.REJECTION_REASON));
        }
    }

    @Test
    void orderCreatedIsProcessedInAConsumerSpanOfTheOrdersTrace() {
        String product = createProduct(100, 5);
        String orderId = UUID.randomUUID().toString();
        String reservationId = given().contentType(ContentType.JSON).body(reservation(orderId, line(product, 1)))
                .post("/api/inventory/reservations").then().statusCode(201).extract().path("id");
        String traceId = newTraceId();
        UUID eventId = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
                .body(Map.of("event_id", eventId, "event_type", "order.created", "order_id", orderId,
                        "reservation_id", reservationId))
                .post("/api/inventory/events").then().statusCode(200);
        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.has(InventoryTelemetry.PROCESS_ORDER_CREATED)
                && tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));

        SpanData process = trace.single("process order.created");
        trace.assertChildOf(process, trace.server());
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals(OutboxMessaging.PROCESS,
                process.getAttributes().get(MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE));
        assertEquals(eventId.toString(),
                process.getAttributes().get(MessagingIncubatingAttributes.MESSAGING_MESSAGE_ID));
        assertEquals(List.of("UPDATE reservation"), trace.childNamesOf(process));
    }

    @Test
    void expiryIsTracedOnlyWhenSomethingExpires() {
        exporter.reset();
        assertEquals(0, reservations.expireOverdue(100).await().indefinitely());
        // Longer than the test export delay (50 ms): had the idle run made a span, it would be here.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> exporter
                .getFinishedSpanItems().stream()
                .noneMatch(span -> span.getName().equals(InventoryTelemetry.EXPIRE_RESERVATIONS)));

        String product = createProduct(100, 5);
        String reservationId = given().contentType(ContentType.JSON)
                .body(reservation(UUID.randomUUID().toString(), line(product, 2)))
                .post("/api/inventory/reservations").then().statusCode(201).extract().path("id");
        ApplicationDatabase.execute(
                "UPDATE reservation SET expires_at = now() - interval '1 second' WHERE id = '" + reservationId + "'");
        assertEquals(1, reservations.expireOverdue(100).await().indefinitely());

        SpanData expiry = await().atMost(Duration.ofSeconds(5)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(InventoryTelemetry.EXPIRE_RESERVATIONS))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertFalse(expiry.getParentSpanContext().isValid(), "a root span of its own");
        assertEquals(1L, expiry.getAttributes().get(InventoryTelemetry.EXPIRED_COUNT));
        SpanTree trace = SpanTree.await(exporter, expiry.getTraceId(),
                tree -> tree.childrenOf(expiry).size() == 3);
        assertEquals(List.of("SELECT product", "UPDATE product", "UPDATE reservation"),
                trace.childNamesOf(expiry));
    }

    @Test
    void requestIdIsMadeUpWhenMissingAndReturned() {
        ExtractableResponse<Response> response = given().get("/api/products/{id}", "NOPE-RID")
                .then().statusCode(404).extract();
        String requestId = response.header("x-request-id");
        assertNotNull(requestId);
        assertEquals(requestId, response.path("request_id"));
        given().header("x-request-id", "bad id with spaces").get("/api/products/{id}", "NOPE-RID")
                .then().header("x-request-id", org.hamcrest.Matchers.not("bad id with spaces"));
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
