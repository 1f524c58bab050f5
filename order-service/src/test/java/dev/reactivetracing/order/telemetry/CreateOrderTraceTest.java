package dev.reactivetracing.order.telemetry;

import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.testing.trace.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** order-service's own part of an order's trace, from the spans its SDK really exports. */
@QuarkusTest
class CreateOrderTraceTest {

    private static final AttributeKey<List<String>> REQUEST_ID_HEADER = AttributeKey
            .stringArrayKey("http.request.header.x-request-id");

    @Inject
    InMemorySpanExporter exporter;

    @TestHTTPResource("/api/orders")
    URL ordersUrl;

    /** Every span exported so far (this test's and earlier ones' of the same application) follows the schema. */
    @AfterEach
    void exportedSpansFollowTheTelemetrySchema() {
        TelemetryContract.assertSpansConform(exporter.getFinishedSpanItems());
    }

    @Test
    void createdOrderProducesTheWholeTreeInOneTrace() {
        String product = createProduct(1250, 10);
        String customerId = createCustomerNamed("Ada Lovelace", "ada-" + UUID.randomUUID() + "@example.com");

        ExtractableResponse<Response> response = given().contentType(ContentType.JSON)
                .header("x-request-id", "req-tree-1")
                .body(order(customerId, item(product, 3)))
                .post("/api/orders").then().statusCode(201).extract();
        String orderId = response.path("id");
        SpanTree trace = awaitDelivered(SpanTree.traceIdOf(response.header("traceresponse")));

        SpanData server = trace.server();
        assertEquals("POST /api/orders", server.getName());
        assertEquals(List.of("req-tree-1"), server.getAttributes().get(REQUEST_ID_HEADER));

        SpanData createOrder = trace.single(OrderTelemetry.CREATE_ORDER);
        trace.assertChildOf(createOrder, server);
        assertEquals(SpanKind.INTERNAL, createOrder.getKind());
        assertEquals(orderId, createOrder.getAttributes().get(ProjectAttributes.ORDER_ID));
        assertEquals(customerId, createOrder.getAttributes().get(OrderTelemetry.CUSTOMER_ID));
        assertEquals(3 * 1250L, createOrder.getAttributes().get(OrderTelemetry.ORDER_TOTAL_CENTS));
        assertEquals(1L, createOrder.getAttributes().get(ProjectAttributes.ORDER_ITEM_COUNT));

        SpanData checkInventory = trace.single(OrderTelemetry.CHECK_INVENTORY);
        trace.assertChildOf(checkInventory, createOrder);
        SpanData reservationCall = trace.single("POST /api/inventory/reservations");
        trace.assertChildOf(reservationCall, checkInventory);
        assertEquals(SpanKind.CLIENT, reservationCall.getKind());
        assertEquals(201L, reservationCall.getAttributes().get(AttributeKey.longKey("http.response.status_code")));

        SpanData saveOrder = trace.single(OrderTelemetry.SAVE_ORDER);
        trace.assertChildOf(saveOrder, createOrder);
        assertEquals(List.of("INSERT customer_order", "INSERT order_item"), trace.childNamesOf(saveOrder));

        SpanData publishEvent = trace.single(OrderTelemetry.PUBLISH_EVENT);
        trace.assertChildOf(publishEvent, createOrder);
        assertEquals(SpanKind.PRODUCER, publishEvent.getKind());
        assertEquals(List.of("INSERT outbox", OrderTelemetry.SEND_ORDER_CREATED), trace.childNamesOf(publishEvent));
        assertTrue(publishEvent.getStartEpochNanos() >= saveOrder.getEndEpochNanos(), "publish after save");

        // The outbox hop: delivery continues the trace under the span that wrote the event.
        SpanData delivery = trace.single(OrderTelemetry.SEND_ORDER_CREATED);
        trace.assertChildOf(delivery, publishEvent);
        // The relay continues this service's own decision: not a caller's request to record, not a forced trace.
        assertEquals(null, delivery.getAttributes().get(ProjectAttributes.SAMPLING_FORCED));
        assertEquals(List.of("POST /api/inventory/events", "UPDATE outbox"), trace.childNamesOf(delivery));

        // Only the steps of the use case, no span per method.
        // The attempt (written before any stock is reserved, so that stock is never held for an order that will not
        // exist) goes with the order's insert; with no Idempotency-Key nothing looks it up first.
        assertEquals(List.of("INSERT order_attempt", "SELECT customer", OrderTelemetry.CHECK_INVENTORY,
                OrderTelemetry.PUBLISH_EVENT, OrderTelemetry.SAVE_ORDER), trace.childNamesOf(createOrder));
        trace.assertConnected();
        trace.spans().forEach(span -> assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(),
                () -> span.getName() + " should not be an error:\n" + trace.dump()));
    }

    @Test
    void idempotencyKeyLookupRunsBesideTheCustomerCheckUnderCreateOrder() {
        String product = createProduct(100, 10);
        String customerId = createCustomerNamed("Test", "key-" + UUID.randomUUID() + "@example.com");
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().header("traceresponse"));
        SpanTree trace = awaitDelivered(traceId);

        SpanData createOrder = trace.single(OrderTelemetry.CREATE_ORDER);
        SpanData customerCheck = trace.single("SELECT customer");
        SpanData keyLookup = trace.single("SELECT order_attempt");
        trace.assertChildOf(customerCheck, createOrder).assertChildOf(keyLookup, createOrder);
        // Uni.combine(): the two lookups overlap in time.
        assertTrue(keyLookup.getStartEpochNanos() < customerCheck.getEndEpochNanos()
                && customerCheck.getStartEpochNanos() < keyLookup.getEndEpochNanos(), trace.dump());
        trace.assertChildOf(trace.single("INSERT order_attempt"), createOrder);
        trace.assertConnected();
    }

    @Test
    void sqlSpansFollowTheDatabaseSemanticConventions() {
        String product = createProduct(100, 10);
        String customerId = createCustomerNamed("Test", "sql-" + UUID.randomUUID() + "@example.com");
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().header("traceresponse"));
        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.has("INSERT order_item"));

        SpanData insertItems = trace.single("INSERT order_item");
        assertEquals(SpanKind.CLIENT, insertItems.getKind());
        assertEquals("postgresql", insertItems.getAttributes().get(DbAttributes.DB_SYSTEM_NAME));
        assertEquals("orders", insertItems.getAttributes().get(DbAttributes.DB_NAMESPACE));
        assertEquals("INSERT", insertItems.getAttributes().get(DbAttributes.DB_OPERATION_NAME));
        assertEquals("order_item", insertItems.getAttributes().get(DbAttributes.DB_COLLECTION_NAME));
        assertEquals(1L, insertItems.getAttributes().get(ProjectAttributes.DB_AFFECTED_ROWS));
        String statement = insertItems.getAttributes().get(DbAttributes.DB_QUERY_TEXT);
        assertTrue(statement.contains("$1") && !statement.contains(product), "parameterized, no values: " + statement);
        assertEquals("localhost", insertItems.getAttributes().get(ServerAttributes.SERVER_ADDRESS));
        // The extension's own SQL instrumentation is off: no span reports the database name as the system.
        assertTrue(trace.spans().stream().noneMatch(span -> "orders".equals(
                span.getAttributes().get(AttributeKey.stringKey("db.system.name")))), trace.dump());
    }

    @Test
    void refusedOrderIsNotAnErrorButSaysWhy() {
        String product = createProduct(100, 1);
        String customerId = createCustomerNamed("Test", "short-" + UUID.randomUUID() + "@example.com");
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(customerId, item(product, 5)))
                .post("/api/orders").then().statusCode(409).extract().header("traceresponse"));
        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.has(OrderTelemetry.CREATE_ORDER)
                && tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));

        for (SpanData span : List.of(trace.server(), trace.single(OrderTelemetry.CREATE_ORDER),
                trace.single(OrderTelemetry.CHECK_INVENTORY))) {
            assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), span.getName());
            assertEquals("insufficient_stock", span.getAttributes().get(ProjectAttributes.REJECTION_REASON),
                    span.getName());
        }
        assertFalse(trace.has(OrderTelemetry.SAVE_ORDER), "nothing to save");
    }

    @Test
    void invalidRequestIsARejectionOnTheServerSpan() {
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(Map.of("customer_id", UUID.randomUUID().toString(), "items", List.of()))
                .post("/api/orders").then().statusCode(400).extract().header("traceresponse"));
        SpanTree trace = SpanTree.await(exporter, traceId,
                tree -> tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));

        assertEquals(StatusCode.UNSET, trace.server().getStatus().getStatusCode());
        assertEquals("invalid_request", trace.server().getAttributes().get(ProjectAttributes.REJECTION_REASON));
        assertFalse(trace.has(OrderTelemetry.CREATE_ORDER), "validation happens before the use case");
    }

    @Test
    void spansCarryNoPersonalData() {
        String name = "Grace Hopper " + UUID.randomUUID();
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        String product = createProduct(100, 10);
        String registerTrace = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", email))
                .post("/api/customers").then().statusCode(201).extract().header("traceresponse"));
        String orderTrace = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(createCustomerNamed(name, "2-" + email), item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().header("traceresponse"));

        for (String traceId : List.of(registerTrace, orderTrace)) {
            SpanTree trace = SpanTree.await(exporter, traceId,
                    tree -> tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
            for (SpanData span : trace.spans()) {
                String everything = span.getName() + span.getAttributes() + span.getEvents();
                assertFalse(everything.contains(email) || everything.contains("Grace Hopper"),
                        () -> "personal data in '" + span.getName() + "': " + span.getAttributes());
            }
        }
    }

    @Test
    void concurrentOrdersNeverShareOrMixSpans() throws Exception {
        String product = createProduct(100, 1000);
        String customerId = createCustomerNamed("Test", "many-" + UUID.randomUUID() + "@example.com");
        String body = new ObjectMapper().writeValueAsString(order(customerId, item(product, 1)));
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int index = 0; index < 30; index++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(ordersUrl.toString()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<SpanData> deliveries = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> pending : responses) {
            HttpResponse<String> response = pending.get();
            assertEquals(201, response.statusCode(), response.body());
            String orderId = new ObjectMapper().readTree(response.body()).get("id").asText();
            SpanTree trace = awaitDelivered(
                    SpanTree.traceIdOf(response.headers().firstValue("traceresponse").orElseThrow()));
            trace.assertConnected();
            assertEquals(1, trace.count(OrderTelemetry.CREATE_ORDER), trace.dump());
            assertEquals(1, trace.count(OrderTelemetry.SAVE_ORDER), trace.dump());
            assertEquals(orderId, trace.single(OrderTelemetry.CREATE_ORDER).getAttributes()
                    .get(ProjectAttributes.ORDER_ID));
            assertEquals(orderId, trace.single(OrderTelemetry.SAVE_ORDER).getAttributes()
                    .get(ProjectAttributes.ORDER_ID));
            SpanData delivery = trace.single(OrderTelemetry.SEND_ORDER_CREATED);
            assertEquals(orderId, delivery.getAttributes().get(ProjectAttributes.ORDER_ID));
            deliveries.add(delivery);
        }
        // The relay delivers several events at once (orders.outbox.delivery-concurrency): the checks above ran on
        // deliveries that overlapped, so each one's HTTP call stayed under its own delivery span.
        assertTrue(deliveries.stream().anyMatch(one -> deliveries.stream().anyMatch(other -> one != other
                && one.getStartEpochNanos() < other.getEndEpochNanos()
                && other.getStartEpochNanos() < one.getEndEpochNanos())), "no two deliveries overlapped");
    }

    /**
     * Waits for the whole trace of a created order, including the outbox relay's delivery, which continues it a
     * moment later: a snapshot taken before the delivery span ends holds its HTTP call without its parent.
     */
    private SpanTree awaitDelivered(String traceId) {
        return SpanTree.await(exporter, traceId, tree -> tree.has(OrderTelemetry.CREATE_ORDER)
                && tree.has(OrderTelemetry.SEND_ORDER_CREATED)
                && tree.childrenOf(tree.single(OrderTelemetry.SEND_ORDER_CREATED)).size() == 2);
    }

    private static String createCustomerNamed(String name, String email) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "email", email))
                .post("/api/customers").then().statusCode(201).extract().path("id");
    }
}
