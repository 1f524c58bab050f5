package dev.reactivetracing.testing.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.testing.schema.CheckedSpan.CheckedEvent;
import dev.reactivetracing.testing.schema.Violation.Kind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * The checker against the project's own schema: a conforming order trace passes, and each kind of violation, put into
 * it one at a time, is caught with a message that names the span and what is wrong.
 */
class SchemaCheckerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String ORDER = "order-service";
    private static final String INVENTORY = "inventory-service";
    private static final String CUSTOMER = "6f1c1a52-3c3e-4a8e-9d0b-0a4f2b1c9e11";
    private static final String ORDER_ID = "0b8e5c1e-8f0a-4c55-b1d2-3e9f6a7b8c9d";

    private final SchemaChecker checker = new SchemaChecker(TelemetrySchema.load());

    @Test
    void aConformingOrderTraceHasNoViolations() {
        assertEquals(List.of(), checker.checkSpans(orderTrace()));
    }

    @Test
    void unknownSpanNameIsCaught() {
        List<CheckedSpan> trace = orderTrace();
        trace.add(span(ORDER, "validate_order", "INTERNAL", "00000000000000aa", "0000000000000002", Map.of()));
        assertOnly(Kind.UNKNOWN_SPAN, "'validate_order'", checker.checkSpans(trace));
    }

    @Test
    void aSpanOfTheOtherServiceIsUnknownHere() {
        List<CheckedSpan> trace = orderTrace();
        trace.add(span(ORDER, "reserve_stock", "INTERNAL", "00000000000000aa", "0000000000000002",
                Map.of("reactivetracing.order.id", ORDER_ID, "reactivetracing.order.item_count", 1L)));
        assertOnly(Kind.UNKNOWN_SPAN, "only for inventory-service", checker.checkSpans(trace));
    }

    @Test
    void unknownServiceIsCaught() {
        List<CheckedSpan> trace = orderTrace();
        trace.add(span("payment-service", "charge", "INTERNAL", "00000000000000aa", "", Map.of()));
        assertOnly(Kind.UNKNOWN_SERVICE, "payment-service", checker.checkSpans(trace));
    }

    @Test
    void unknownAttributeKeyOnAProjectSpanIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "create_order", span -> withAttribute(span, "order.id", ORDER_ID));
        assertOnly(Kind.UNKNOWN_ATTRIBUTE, "order.id", checker.checkSpans(trace));
    }

    @Test
    void extensionSpansKeepTheirOwnAttributesButNotUnlistedProjectOnes() {
        List<CheckedSpan> trace = with(orderTrace(), "POST /api/orders",
                span -> withAttribute(withAttribute(span, "url.path", "/api/orders"), "user_agent.original", "curl"));
        assertEquals(List.of(), checker.checkSpans(trace), "the extension's own semantic-convention attributes");

        trace = with(orderTrace(), "POST /api/orders",
                span -> withAttribute(span, "reactivetracing.order.id", ORDER_ID));
        assertOnly(Kind.UNKNOWN_ATTRIBUTE, "reactivetracing.order.id", checker.checkSpans(trace));
    }

    @Test
    void wrongTypeIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "create_order",
                span -> withAttribute(span, "reactivetracing.order.item_count", "1"));
        assertOnly(Kind.WRONG_TYPE, "reactivetracing.order.item_count is string", checker.checkSpans(trace));

        trace = with(orderTrace(), "POST /api/orders",
                span -> withAttribute(span, "http.request.header.x-request-id", "req-1"));
        assertOnly(Kind.WRONG_TYPE, "the schema says string[]", checker.checkSpans(trace));
    }

    @Test
    void valueOutsideTheAllowedSetIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "check_inventory",
                span -> withAttribute(span, "reactivetracing.circuit_breaker.state", "broken"));
        assertOnly(Kind.VALUE_NOT_ALLOWED, "'broken' is not allowed", checker.checkSpans(trace));

        trace = with(orderTrace(), "create_order",
                span -> withAttribute(span, "reactivetracing.rejection_reason", "Out of stock: SKU-1 (2 left)"));
        assertOnly(Kind.VALUE_NOT_ALLOWED, "reactivetracing.rejection_reason", checker.checkSpans(trace));

        trace = with(orderTrace(), "create_order",
                span -> withAttribute(span, "reactivetracing.rejection_reason", "http_405"));
        assertEquals(List.of(), checker.checkSpans(trace), "the pattern allows http_4xx");
    }

    @Test
    void valueOutsideItsBoundIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "create_order",
                span -> withAttribute(span, "reactivetracing.order.item_count", 101L));
        assertOnly(Kind.VALUE_NOT_ALLOWED, "is outside 1..100", checker.checkSpans(trace));

        trace = with(orderTrace(), "create_order",
                span -> withAttribute(span, "reactivetracing.customer.id", "grace@example.com"));
        assertOnly(Kind.VALUE_NOT_ALLOWED, "reactivetracing.customer.id", checker.checkSpans(trace));
    }

    @Test
    void wrongKindIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "publish_event", span -> withKind(span, "INTERNAL"));
        assertOnly(Kind.WRONG_KIND, "should be PRODUCER", checker.checkSpans(trace));
    }

    @Test
    void wrongParentIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "SELECT customer",
                span -> withParent(span, "0000000000000003")); // check_inventory
        assertOnly(Kind.WRONG_PARENT, "is a child of order-service 'check_inventory'", checker.checkSpans(trace));
    }

    @Test
    void aRootWhereTheSchemaWantsAParentAndTheReverseAreCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "create_order", span -> withParent(span, ""));
        assertOnly(Kind.WRONG_PARENT, "is a root span", checker.checkSpans(trace));

        trace = orderTrace();
        trace.add(span(INVENTORY, "expire_reservations", "INTERNAL", "00000000000000aa", "0000000000000011",
                Map.of("reactivetracing.reservation.expired_count", 1L)));
        assertOnly(Kind.WRONG_PARENT, "always a root span", checker.checkSpans(trace));
    }

    @Test
    void aRemoteParentIsCaughtWhereTheSchemaAllowsNone() {
        CheckedSpan createOrder = find(orderTrace(), "create_order");
        CheckedSpan remote = new CheckedSpan(ORDER, TRACE, createOrder.spanId(), "00f067aa0ba902b7", true,
                createOrder.name(), createOrder.kind(), createOrder.attributes(), List.of());
        assertOnly(Kind.WRONG_PARENT, "in another process", checker.checkSpans(List.of(remote)));
    }

    @Test
    void missingRequiredAttributeIsCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "check_inventory",
                span -> withoutAttribute(span, "reactivetracing.circuit_breaker.state"));
        assertOnly(Kind.MISSING_ATTRIBUTE, "lacks reactivetracing.circuit_breaker.state", checker.checkSpans(trace));
    }

    @Test
    void unknownEventsAndEventAttributesAreCaught() {
        List<CheckedSpan> trace = with(orderTrace(), "check_inventory",
                span -> withEvent(span, new CheckedEvent("retry", Map.of())));
        assertOnly(Kind.UNKNOWN_EVENT, "event 'retry'", checker.checkSpans(trace));

        trace = with(orderTrace(), "reserve_stock", span -> withEvent(span, new CheckedEvent(
                "reactivetracing.circuit_breaker.state_change", Map.of("reactivetracing.circuit_breaker.name",
                        "inventory-reserve", "reactivetracing.circuit_breaker.state", "open"))));
        assertOnly(Kind.UNKNOWN_EVENT, "declared for [order-service] only", checker.checkSpans(trace));

        trace = with(orderTrace(), "check_inventory", span -> withEvent(span, new CheckedEvent("exception",
                Map.of("exception.type", "java.util.concurrent.TimeoutException", "exception.cause_chain", "x"))));
        assertOnly(Kind.UNKNOWN_ATTRIBUTE, "exception.cause_chain", checker.checkSpans(trace));
    }

    @Test
    void theCircuitBreakerEventAndTheExceptionEventConform() {
        List<CheckedSpan> trace = with(orderTrace(), "check_inventory", span -> withEvent(withEvent(span,
                new CheckedEvent("reactivetracing.circuit_breaker.state_change", Map.of(
                        "reactivetracing.circuit_breaker.name", "inventory-reserve",
                        "reactivetracing.circuit_breaker.state", "half_open"))),
                new CheckedEvent("exception", Map.of("exception.type", "java.net.ConnectException",
                        "exception.message", "Connection refused", "exception.stacktrace", "...",
                        "reactivetracing.exception.cause_chain", "java.net.ConnectException: Connection refused"))));
        assertEquals(List.of(), checker.checkSpans(trace));
    }

    @Test
    void testOnlySpansAreSkippedInTheirServiceOnly() {
        List<CheckedSpan> trace = orderTrace();
        trace.add(span(ORDER, "GET /test/hops/combine", "SERVER", "00000000000000a0", "", Map.of()));
        trace.add(span(ORDER, "before", "INTERNAL", "00000000000000a1", "00000000000000a0", Map.of()));
        trace.add(span(ORDER, "leaf", "INTERNAL", "00000000000000a2", "00000000000000a1", Map.of()));
        assertEquals(List.of(), checker.checkSpans(trace));

        trace.add(span(INVENTORY, "leaf", "INTERNAL", "00000000000000a3", "", Map.of()));
        assertOnly(Kind.UNKNOWN_SPAN, "inventory-service 'leaf'", checker.checkSpans(trace));
    }

    @Test
    void metricsAreCheckedForInstrumentUnitAndAttributes() {
        CheckedMetric rejected = new CheckedMetric(ORDER, "orders.rejected", "sum", true, "{order}",
                List.of(Map.of("reactivetracing.rejection_reason", "insufficient_stock")));
        CheckedMetric jvm = new CheckedMetric(ORDER, "jvm.memory.used", "sum", false, "By", List.of(Map.of()));
        assertEquals(List.of(), checker.checkMetrics(List.of(rejected, jvm)), "JVM metrics are not the schema's");

        assertOnly(Kind.WRONG_UNIT, "unit '1'", checker.checkMetrics(List.of(new CheckedMetric(ORDER,
                "orders.rejected", "sum", true, "1", rejected.pointAttributes()))));
        assertOnly(Kind.WRONG_INSTRUMENT, "is a counter", checker.checkMetrics(List.of(new CheckedMetric(ORDER,
                "orders.rejected", "histogram", null, "{order}", rejected.pointAttributes()))));
        assertOnly(Kind.UNKNOWN_ATTRIBUTE, "reactivetracing.order.id", checker.checkMetrics(List.of(
                new CheckedMetric(ORDER, "orders.rejected", "sum", true, "{order}", List.of(Map.of(
                        "reactivetracing.rejection_reason", "insufficient_stock", "reactivetracing.order.id",
                        ORDER_ID))))));
        assertOnly(Kind.MISSING_ATTRIBUTE, "lacks reactivetracing.rejection_reason", checker.checkMetrics(List.of(
                new CheckedMetric(ORDER, "orders.rejected", "sum", true, "{order}", List.of(Map.of())))));
        assertOnly(Kind.UNKNOWN_METRIC, "'orders.cancelled'", checker.checkMetrics(List.of(new CheckedMetric(ORDER,
                "orders.cancelled", "sum", true, "{order}", List.of()))));
    }

    @Test
    void sdkSpansAreReadWithTheirTypesAndRemoteParents() {
        SpanContext caller = SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault());
        var sdkSpan = TestSpanData.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), INVENTORY)))
                .setSpanContext(SpanContext.create(TRACE, "0000000000000011", TraceFlags.getSampled(),
                        TraceState.getDefault()))
                .setParentSpanContext(caller)
                .setName("POST /api/inventory/reservations")
                .setKind(SpanKind.SERVER)
                .setAttributes(Attributes.builder()
                        .put(AttributeKey.stringArrayKey("http.request.header.x-request-id"), List.of("req-1"))
                        .put(AttributeKey.longKey("http.response.status_code"), 201L)
                        .put(AttributeKey.stringKey("http.request.method"), "POST")
                        .build())
                .setStartEpochNanos(1).setEndEpochNanos(2).setHasEnded(true)
                .setStatus(StatusData.unset())
                .build();
        CheckedSpan checked = CheckedSpan.of(sdkSpan);
        assertEquals(INVENTORY, checked.service());
        assertEquals(Boolean.TRUE, checked.parentRemote());
        assertEquals(List.of("req-1"), checked.attributes().get("http.request.header.x-request-id"));
        assertEquals(List.of(), checker.checkSpans(List.of(checked)), "an inventory server span may have a caller");
    }

    @Test
    void theContractFailsWithEveryViolationListedOnce() {
        List<CheckedSpan> trace = orderTrace();
        trace.add(span(ORDER, "validate_order", "INTERNAL", "00000000000000aa", "0000000000000002", Map.of()));
        trace.add(span(ORDER, "validate_order", "INTERNAL", "00000000000000ab", "0000000000000002", Map.of()));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> TelemetryContract.assertNone(checker.checkSpans(trace), "test spans"));
        assertTrue(failure.getMessage().contains("UNKNOWN_SPAN") && failure.getMessage().contains("(x2)"),
                failure.getMessage());
    }

    /** An order trace as the schema describes it: order-service's spans and inventory-service's reservation. */
    private static List<CheckedSpan> orderTrace() {
        List<CheckedSpan> spans = new ArrayList<>();
        spans.add(span(ORDER, "POST /api/orders", "SERVER", "0000000000000001", "", Map.of(
                "http.request.method", "POST", "http.route", "/api/orders", "http.response.status_code", 201L,
                "http.request.header.x-request-id", List.of("req-1"))));
        spans.add(span(ORDER, "create_order", "INTERNAL", "0000000000000002", "0000000000000001", Map.of(
                "reactivetracing.customer.id", CUSTOMER, "reactivetracing.order.item_count", 1L,
                "reactivetracing.order.id", ORDER_ID, "reactivetracing.order.total_cents", 2500L)));
        spans.add(sql(ORDER, "SELECT customer", "customer", "0000000000000005", "0000000000000002"));
        spans.add(span(ORDER, "check_inventory", "INTERNAL", "0000000000000003", "0000000000000002", Map.of(
                "reactivetracing.order.id", ORDER_ID, "reactivetracing.order.item_count", 1L,
                "reactivetracing.circuit_breaker.state", "closed")));
        spans.add(span(ORDER, "POST /api/inventory/reservations", "CLIENT", "0000000000000004", "0000000000000003",
                Map.of("http.request.method", "POST", "http.response.status_code", 201L, "server.address",
                        "localhost", "server.port", 8081L)));
        spans.add(span(INVENTORY, "POST /api/inventory/reservations", "SERVER", "0000000000000011",
                "0000000000000004", Map.of("http.request.method", "POST", "http.response.status_code", 201L,
                        "http.route", "/api/inventory/reservations",
                        "http.request.header.x-request-id", List.of("req-1"))));
        spans.add(span(INVENTORY, "reserve_stock", "INTERNAL", "0000000000000012", "0000000000000011", Map.of(
                "reactivetracing.order.id", ORDER_ID, "reactivetracing.order.item_count", 1L)));
        Map<String, Object> reserve = new HashMap<>(sqlAttributes("SELECT reserve_stock"));
        reserve.remove("db.collection.name");
        reserve.put("db.stored_procedure.name", "reserve_stock");
        spans.add(span(INVENTORY, "SELECT reserve_stock", "CLIENT", "0000000000000013", "0000000000000012",
                reserve));
        spans.add(span(ORDER, "save_order", "INTERNAL", "0000000000000006", "0000000000000002", Map.of(
                "reactivetracing.order.id", ORDER_ID, "reactivetracing.customer.id", CUSTOMER,
                "reactivetracing.order.total_cents", 2500L, "reactivetracing.order.item_count", 1L)));
        spans.add(sql(ORDER, "INSERT customer_order", "customer_order", "0000000000000007", "0000000000000006"));
        spans.add(span(ORDER, "publish_event", "PRODUCER", "0000000000000008", "0000000000000002", Map.of(
                "reactivetracing.order.id", ORDER_ID, "messaging.system", "outbox",
                "messaging.destination.name", "order.created", "messaging.operation.type", "create",
                "messaging.message.id", CUSTOMER)));
        return spans;
    }

    private static CheckedSpan sql(String service, String name, String table, String id, String parent) {
        Map<String, Object> attributes = new HashMap<>(sqlAttributes(name));
        attributes.put("db.collection.name", table);
        return span(service, name, "CLIENT", id, parent, attributes);
    }

    private static Map<String, Object> sqlAttributes(String name) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("db.system.name", "postgresql");
        attributes.put("db.operation.name", name.substring(0, name.indexOf(' ')));
        attributes.put("db.query.summary", name);
        attributes.put("db.query.text", "SELECT 1 WHERE $1");
        attributes.put("db.namespace", "orders");
        attributes.put("server.address", "localhost");
        attributes.put("server.port", 5432L);
        attributes.put("db.response.returned_rows", 1L);
        return attributes;
    }

    private static CheckedSpan span(String service, String name, String kind, String id, String parent,
            Map<String, Object> attributes) {
        return new CheckedSpan(service, TRACE, id, parent, parent.isEmpty() ? null : false, name, kind, attributes,
                List.of());
    }

    private static List<CheckedSpan> with(List<CheckedSpan> trace, String name, UnaryOperator<CheckedSpan> change) {
        return new ArrayList<>(trace.stream().map(span -> span.name().equals(name) ? change.apply(span) : span)
                .toList());
    }

    private static CheckedSpan find(List<CheckedSpan> trace, String name) {
        return trace.stream().filter(span -> span.name().equals(name)).findFirst().orElseThrow();
    }

    private static CheckedSpan withAttribute(CheckedSpan span, String key, Object value) {
        Map<String, Object> attributes = new HashMap<>(span.attributes());
        attributes.put(key, value);
        return new CheckedSpan(span.service(), span.traceId(), span.spanId(), span.parentSpanId(),
                span.parentRemote(), span.name(), span.kind(), attributes, span.events());
    }

    private static CheckedSpan withoutAttribute(CheckedSpan span, String key) {
        Map<String, Object> attributes = new HashMap<>(span.attributes());
        attributes.remove(key);
        return new CheckedSpan(span.service(), span.traceId(), span.spanId(), span.parentSpanId(),
                span.parentRemote(), span.name(), span.kind(), attributes, span.events());
    }

    private static CheckedSpan withKind(CheckedSpan span, String kind) {
        return new CheckedSpan(span.service(), span.traceId(), span.spanId(), span.parentSpanId(),
                span.parentRemote(), span.name(), kind, span.attributes(), span.events());
    }

    private static CheckedSpan withParent(CheckedSpan span, String parent) {
        return new CheckedSpan(span.service(), span.traceId(), span.spanId(), parent,
                parent.isEmpty() ? null : false, span.name(), span.kind(), span.attributes(), span.events());
    }

    private static CheckedSpan withEvent(CheckedSpan span, CheckedEvent event) {
        List<CheckedEvent> events = new ArrayList<>(span.events());
        events.add(event);
        return new CheckedSpan(span.service(), span.traceId(), span.spanId(), span.parentSpanId(),
                span.parentRemote(), span.name(), span.kind(), span.attributes(), events);
    }

    private static void assertOnly(Kind kind, String mentioned, List<Violation> violations) {
        assertEquals(1, violations.size(), () -> "one violation expected: " + violations);
        assertEquals(kind, violations.get(0).kind(), violations.get(0)::toString);
        assertTrue(violations.get(0).message().contains(mentioned),
                () -> "'" + mentioned + "' expected in: " + violations.get(0).message());
    }
}
