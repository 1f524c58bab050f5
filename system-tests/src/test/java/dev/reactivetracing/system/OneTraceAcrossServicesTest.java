package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.traceIdOf;
import static dev.reactivetracing.system.RunningSystem.INVENTORY;
import static dev.reactivetracing.system.RunningSystem.ORDER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.tooling.otlp.ReceivedMetric;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;

/** One order, one trace, as a tracing backend receives it from both services. */
class OneTraceAcrossServicesTest {

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("onetrace", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), Map.of(
                "OTEL_RESOURCE_ATTRIBUTES", "k8s.pod.name=order-pod-1,service.instance.id=order-1"));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** Everything both processes exported so far, spans and metrics, follows telemetry-schema/telemetry.yaml. */
    @AfterEach
    void everythingReceivedFollowsTheTelemetrySchema() {
        TelemetryContract.assertReceivedSpansConform(system.receiver.spans());
        TelemetryContract.assertReceivedMetricsConform(system.receiver.metrics());
    }

    @Test
    void anOrderIsOneTraceAcrossBothServicesWithTheWholeTree() {
        String product = createProduct(system.inventory.baseUrl(), 1250, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Ada Lovelace",
                "ada-" + UUID.randomUUID() + "@example.com");
        HttpResponse<String> response = expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 2), "x-request-id", "sys-req-1", "baggage", "tenant=acme"));
        String orderId = body(response).get("id").asText();
        TraceView trace = awaitTrace(traceIdOf(response), OneTraceAcrossServicesTest::isWholeOrderTrace);

        ReceivedSpan orderServer = trace.single(ORDER, "POST /api/orders");
        assertTrue(orderServer.isRoot());
        ReceivedSpan createOrder = trace.single(ORDER, "create_order");
        trace.assertChildOf(createOrder, orderServer);
        assertEquals(orderId, createOrder.attribute("reactivetracing.order.id"));
        assertEquals(customerId, createOrder.attribute("reactivetracing.customer.id"));
        assertEquals(2500L, createOrder.attribute("reactivetracing.order.total_cents"));
        assertEquals(1L, createOrder.attribute("reactivetracing.order.item_count"));

        // check_inventory -> REST client -> inventory-service's server span -> reserve_stock -> its SQL
        ReceivedSpan checkInventory = trace.single(ORDER, "check_inventory");
        trace.assertChildOf(checkInventory, createOrder);
        ReceivedSpan reservationCall = trace.single(ORDER, "POST /api/inventory/reservations");
        assertEquals(SpanKind.CLIENT, reservationCall.kind());
        trace.assertChildOf(reservationCall, checkInventory);
        ReceivedSpan inventoryServer = trace.single(INVENTORY, "POST /api/inventory/reservations");
        assertEquals(SpanKind.SERVER, inventoryServer.kind());
        trace.assertChildOf(inventoryServer, reservationCall);
        ReceivedSpan reserveStock = trace.single(INVENTORY, "reserve_stock");
        trace.assertChildOf(reserveStock, inventoryServer);
        assertEquals(1L, reserveStock.attribute("reactivetracing.order.item_count"));
        // One statement (the reserve_stock function): the product's row lock never waits on a round trip.
        assertEquals(List.of("SELECT reserve_stock"), trace.childNamesOf(reserveStock));
        for (ReceivedSpan sql : trace.childrenOf(reserveStock)) {
            assertEquals("postgresql", sql.attribute("db.system.name"), sql.name());
            assertEquals(system.inventoryDatabase(), sql.attribute("db.namespace"), sql.name());
            assertTrue(sql.attribute("db.query.text").toString().contains("$1"), sql.name());
        }

        // save_order and publish_event in one transaction, then the outbox hop back to inventory-service
        ReceivedSpan saveOrder = trace.single(ORDER, "save_order");
        trace.assertChildOf(saveOrder, createOrder);
        assertEquals(List.of("INSERT customer_order", "INSERT order_item"), trace.childNamesOf(saveOrder));
        ReceivedSpan publishEvent = trace.single(ORDER, "publish_event");
        trace.assertChildOf(publishEvent, createOrder);
        assertEquals(SpanKind.PRODUCER, publishEvent.kind());
        ReceivedSpan send = trace.single(ORDER, "send order.created");
        trace.assertChildOf(send, publishEvent);
        ReceivedSpan eventCall = trace.single(ORDER, "POST /api/inventory/events");
        trace.assertChildOf(eventCall, send);
        ReceivedSpan eventServer = trace.single(INVENTORY, "POST /api/inventory/events");
        trace.assertChildOf(eventServer, eventCall);
        ReceivedSpan process = trace.single(INVENTORY, "process order.created");
        assertEquals(SpanKind.CONSUMER, process.kind());
        trace.assertChildOf(process, eventServer);
        trace.assertChildOf(trace.single(INVENTORY, "UPDATE reservation"), process);

        trace.assertOneConnectedTree();
        trace.spans().forEach(span -> assertEquals("UNSET", span.statusCode(), () -> span.name() + "\n" + trace.dump()));
        // x-request-id: taken by order-service, forwarded to inventory-service, on both server spans
        assertEquals(List.of("sys-req-1"), orderServer.attribute("http.request.header.x-request-id"));
        assertEquals(List.of("sys-req-1"), inventoryServer.attribute("http.request.header.x-request-id"));
    }

    @Test
    void whatOrderServiceSendsCarriesW3cB3BaggageAndTheRequestId() {
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Test", "prop-" + UUID.randomUUID() + "@x.org");
        HttpResponse<String> response = expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1), "x-request-id", "sys-req-2", "baggage", "tenant=acme"));
        String traceId = traceIdOf(response);

        Map<String, List<String>> sent = system.proxy.lastRequestHeaders("/api/inventory/reservations");
        assertTrue(sent.get("traceparent").get(0).startsWith("00-" + traceId + "-"), sent.toString());
        assertEquals(traceId, sent.get("x-b3-traceid").get(0), "B3 multi-header injected too");
        assertTrue(sent.get("baggage").get(0).contains("tenant=acme"), "caller's baggage forwarded: " + sent);
        assertEquals(List.of("sys-req-2"), sent.get("x-request-id"));
    }

    @Test
    void resourcesNameServiceVersionEnvironmentAndInstance() {
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Test", "res-" + UUID.randomUUID() + "@x.org");
        String traceId = traceIdOf(expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1))));
        TraceView trace = awaitTrace(traceId, view -> view.has(INVENTORY, "reserve_stock")
                && view.has(ORDER, "POST /api/orders"));

        Map<String, Object> orderResource = trace.single(ORDER, "create_order").resourceAttributes();
        assertEquals("order-service", orderResource.get("service.name"));
        assertEquals("1.0.0-SNAPSHOT", orderResource.get("service.version"));
        assertEquals("system-test", orderResource.get("deployment.environment.name"));
        // OTEL_RESOURCE_ATTRIBUTES wins over the defaults
        assertEquals("order-1", orderResource.get("service.instance.id"));
        assertEquals("order-pod-1", orderResource.get("k8s.pod.name"));
        Map<String, Object> inventoryResource = trace.single(INVENTORY, "reserve_stock").resourceAttributes();
        assertEquals("inventory-service", inventoryResource.get("service.name"));
        assertEquals(36, inventoryResource.get("service.instance.id").toString().length(), "a generated UUID");
    }

    @Test
    void noSpanOfEitherServiceCarriesPersonalData() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Grace Hopper", email);
        String traceId = traceIdOf(expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1))));
        // Wait for the whole tree, not its first span to arrive: each service exports in its own batches, and a
        // check over half a trace would pass without having seen the other half.
        TraceView trace = awaitTrace(traceId, OneTraceAcrossServicesTest::isWholeOrderTrace);

        for (ReceivedSpan span : system.receiver.spans()) {
            String everything = span.name() + span.attributes() + span.events() + span.resourceAttributes();
            assertFalse(everything.contains(email) || everything.contains("Grace Hopper"),
                    () -> "personal data in " + span.serviceName() + " '" + span.name() + "'");
        }
        assertTrue(trace.spans().size() > 15);
    }

    @Test
    void refusedOrderIsNotAnErrorInEitherService() {
        String product = createProduct(system.inventory.baseUrl(), 100, 1);
        String customerId = createCustomer(system.order.baseUrl(), "Test", "409-" + UUID.randomUUID() + "@x.org");
        String traceId = traceIdOf(expect(409, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 5))));
        TraceView trace = awaitTrace(traceId, view -> view.has(INVENTORY, "POST /api/inventory/reservations")
                && view.has(ORDER, "POST /api/orders"));

        trace.spans().forEach(span -> assertNotEquals("ERROR", span.statusCode(), () -> trace.dump()));
        assertEquals("insufficient_stock",
                trace.single(ORDER, "POST /api/orders").attribute("reactivetracing.rejection_reason"));
        assertEquals("insufficient_stock", trace.single(INVENTORY, "POST /api/inventory/reservations")
                .attribute("reactivetracing.rejection_reason"));
    }

    @Test
    void inventoryServerErrorIsAnErrorAllTheWayUpWithItsCause() {
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Test", "5xx-" + UUID.randomUUID() + "@x.org");
        String database = system.inventoryDatabase();
        system.postgres.execute(database, "ALTER TABLE reservation_item RENAME TO reservation_item_away");
        HttpResponse<String> response;
        try {
            response = post(system.order.baseUrl() + "/api/orders", order(customerId, product, 1),
                    "x-request-id", "sys-req-5xx");
        } finally {
            system.postgres.execute(database, "ALTER TABLE reservation_item_away RENAME TO reservation_item");
        }
        expect(503, response);
        assertFalse(response.body().contains("reservation_item"), "no SQL reaches the client: " + response.body());
        String traceId = traceIdOf(response);
        // A 5xx leaves the outcome unknown, so order-service also releases the order's stock in the background:
        // that call belongs to the same trace and may land after the response, so wait for both of its sides.
        TraceView trace = awaitTrace(traceId, view -> view.all(INVENTORY, "POST /api/inventory/reservations").size() == 3
                && view.has(ORDER, "POST /api/orders")
                && view.has(ORDER, "DELETE /api/inventory/reservations")
                && view.has(INVENTORY, "DELETE /api/inventory/reservations"));

        // The reservation's one statement failed inside the database function, on the missing table.
        ReceivedSpan failedCall = trace.all(INVENTORY, "SELECT reserve_stock").get(0);
        assertEquals("ERROR", failedCall.statusCode());
        assertEquals("42P01", failedCall.attribute("db.response.status_code"), "undefined table");
        for (ReceivedSpan attempt : trace.all(INVENTORY, "reserve_stock")) {
            assertEquals("ERROR", attempt.statusCode());
            assertTrue(attempt.events().stream().anyMatch(event -> event.name().equals("exception")));
        }
        trace.all(INVENTORY, "POST /api/inventory/reservations").forEach(server -> assertEquals("ERROR",
                server.statusCode()));
        List<ReceivedSpan> attempts = trace.all(ORDER, "POST /api/inventory/reservations");
        assertEquals(3, attempts.size(), "one attempt and two retries:\n" + trace.dump());
        attempts.forEach(attempt -> {
            assertEquals("ERROR", attempt.statusCode());
            trace.assertChildOf(attempt, trace.single(ORDER, "check_inventory"));
        });
        assertEquals("ERROR", trace.single(ORDER, "create_order").statusCode());
        assertEquals("ERROR", trace.single(ORDER, "POST /api/orders").statusCode());
        trace.assertChildOf(trace.single(INVENTORY, "DELETE /api/inventory/reservations"),
                trace.single(ORDER, "DELETE /api/inventory/reservations"));
        trace.assertOneConnectedTree();

        // The log line of the failure carries the trace, the span and the request id.
        JsonNode logged = awaitLogLine(system.order, line -> line.path("level").asText().startsWith("WARN")
                && traceId.equals(line.path("mdc").path("traceId").asText()));
        assertEquals("sys-req-5xx", logged.path("mdc").path("requestId").asText());
        assertEquals(16, logged.path("mdc").path("spanId").asText().length());
        assertEquals("true", logged.path("mdc").path("sampled").asText());
    }

    @Test
    void logLinesOfARequestCarryItsTraceSpanAndRequestIds() {
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Test", "log-" + UUID.randomUUID() + "@x.org");
        HttpResponse<String> response = expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1), "x-request-id", "sys-req-log"));
        String orderId = body(response).get("id").asText();

        JsonNode logged = awaitLogLine(system.order,
                line -> line.path("message").asText().startsWith("Order " + orderId + " created"));
        assertEquals(traceIdOf(response), logged.path("mdc").path("traceId").asText());
        assertEquals("sys-req-log", logged.path("mdc").path("requestId").asText());
        assertEquals("true", logged.path("mdc").path("sampled").asText());
        assertEquals(16, logged.path("mdc").path("spanId").asText().length());
    }

    @Test
    void metricsArriveWithTheSameResourceAndPointAtTraces() {
        String product = createProduct(system.inventory.baseUrl(), 100, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Test", "red-" + UUID.randomUUID() + "@x.org");
        String traceId = traceIdOf(expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 1))));

        List<ReceivedMetric> metrics = system.receiver.awaitMetrics(received -> received.stream().anyMatch(
                metric -> metric.serviceName().equals(ORDER) && metric.name().equals("http.server.request.duration")
                        && metric.hasExemplarOfTrace(traceId)), Duration.ofSeconds(15));
        assertTrue(metrics.stream().anyMatch(metric -> metric.serviceName().equals(ORDER)
                && metric.name().equals("http.client.request.duration")
                && metric.hasPointWith("url.template", "/api/inventory/reservations")));
        assertTrue(metrics.stream().anyMatch(metric -> metric.serviceName().equals(ORDER)
                && metric.name().equals("orders.created")));
        assertTrue(metrics.stream().anyMatch(metric -> metric.serviceName().equals(INVENTORY)
                && metric.name().equals("http.server.request.duration")
                && metric.hasPointWith("http.route", "/api/inventory/reservations")));
    }

    @Test
    void bothServicesAreReadyWithTheirDatabaseAndDescribeTheirApi() {
        for (var service : List.of(system.order, system.inventory)) {
            JsonNode readiness = body(expect(200, Api.get(service.baseUrl() + "/q/health/ready")));
            assertEquals("UP", readiness.get("status").asText());
            assertTrue(readiness.toString().contains("Reactive PostgreSQL connections health check"),
                    readiness.toString());
            expect(200, Api.get(service.baseUrl() + "/q/health/live"));
        }
        assertTrue(expect(200, Api.get(system.order.baseUrl() + "/q/openapi")).body().contains("/api/orders"));
        assertTrue(expect(200, Api.get(system.inventory.baseUrl() + "/q/openapi")).body()
                .contains("/api/inventory/reservations"));
    }

    /** The spans that end last in each service's part of a created order's trace have all arrived. */
    private static boolean isWholeOrderTrace(TraceView view) {
        return view.has(INVENTORY, "POST /api/inventory/events") && view.has(INVENTORY, "UPDATE reservation")
                && view.has(INVENTORY, "POST /api/inventory/reservations") && view.has(ORDER, "UPDATE outbox")
                && view.has(ORDER, "send order.created") && view.has(ORDER, "POST /api/orders");
    }

    private static TraceView awaitTrace(String traceId, Predicate<TraceView> complete) {
        return new TraceView(system.receiver.awaitSpans(received -> complete.test(
                new TraceView(received.stream().filter(span -> span.traceId().equals(traceId)).toList())),
                Duration.ofSeconds(20)).stream().filter(span -> span.traceId().equals(traceId)).toList());
    }

    static JsonNode awaitLogLine(dev.reactivetracing.tooling.process.ServiceProcess service, Predicate<JsonNode> wanted) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Optional<JsonNode> line = jsonLines(service).stream().filter(wanted).findFirst();
            line.ifPresent(match -> found[0] = match);
            return line.isPresent();
        });
        return found[0];
    }

    private static List<JsonNode> jsonLines(dev.reactivetracing.tooling.process.ServiceProcess service) {
        try {
            return Files.readAllLines(service.logFile()).stream()
                    .filter(line -> line.startsWith("{"))
                    .map(line -> {
                        try {
                            return Api.JSON.readTree(line);
                        } catch (IOException notJson) {
                            throw new UncheckedIOException(notJson);
                        }
                    })
                    .toList();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
