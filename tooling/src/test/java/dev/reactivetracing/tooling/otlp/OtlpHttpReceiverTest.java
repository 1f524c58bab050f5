package dev.reactivetracing.tooling.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** Exports real telemetry with the OpenTelemetry SDK's OTLP/HTTP exporters and checks what the receiver decodes. */
class OtlpHttpReceiverTest {

    private static final String SERVICE = "checkout-service";
    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), SERVICE,
            AttributeKey.stringKey("deployment.environment.name"), "test")));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OtlpHttpReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = OtlpHttpReceiver.start(0);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void everyFieldOfASpanTreeRoundTrips() {
        SpanContext linked = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        String traceId;
        String rootSpanId;
        String childSpanId;
        try (SdkTracerProvider tracerProvider = tracerProvider(exporter().build())) {
            Tracer tracer = tracerProvider.get("dev.reactivetracing.checkout", "1.2.3");
            Span root = tracer.spanBuilder("POST /api/orders")
                    .setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(start, TimeUnit.NANOSECONDS)
                    .setAttribute("http.route", "/api/orders")
                    .setAttribute("http.response.status_code", 201L)
                    .setAttribute("order.total", 55.7)
                    .setAttribute("order.first", true)
                    .setAttribute(AttributeKey.stringArrayKey("order.products"), List.of("SKU-1001", "SKU-1004"))
                    .setAttribute(AttributeKey.longArrayKey("order.quantities"), List.of(2L, 1L))
                    .setAttribute(AttributeKey.doubleArrayKey("order.weights"), List.of(1.5, 0.25))
                    .setAttribute(AttributeKey.booleanArrayKey("order.gift_wrapped"), List.of(false, true))
                    .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "retry of"))
                    .startSpan();
            root.addEvent("stock reserved", Attributes.of(AttributeKey.longKey("reservation.lines"), 2L),
                    start + 1_000, TimeUnit.NANOSECONDS);
            root.setStatus(StatusCode.ERROR, "payment declined");
            Span child = tracer.spanBuilder("POST")
                    .setParent(Context.current().with(root))
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(start + 2_000, TimeUnit.NANOSECONDS)
                    .setAttribute("server.address", "localhost")
                    .startSpan();
            child.end(start + 3_000, TimeUnit.NANOSECONDS);
            root.end(start + 5_000, TimeUnit.NANOSECONDS);
            traceId = root.getSpanContext().getTraceId();
            rootSpanId = root.getSpanContext().getSpanId();
            childSpanId = child.getSpanContext().getSpanId();
            assertSucceeded(tracerProvider.forceFlush());
        }

        List<ReceivedSpan> spans = receiver.awaitSpans(received -> received.size() == 2, TIMEOUT);
        ReceivedSpan root = spans.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
        ReceivedSpan child = spans.stream().filter(span -> !span.isRoot()).findFirst().orElseThrow();

        assertEquals(SERVICE, root.serviceName());
        assertEquals("test", root.resourceAttributes().get("deployment.environment.name"));
        assertEquals("opentelemetry", root.resourceAttributes().get("telemetry.sdk.name"));
        assertEquals("dev.reactivetracing.checkout", root.scopeName());
        assertEquals(traceId, root.traceId());
        assertEquals(rootSpanId, root.spanId());
        assertEquals("", root.parentSpanId());
        assertEquals("POST /api/orders", root.name());
        assertEquals(SpanKind.SERVER, root.kind());
        assertEquals(start, root.startEpochNanos());
        assertEquals(start + 5_000, root.endEpochNanos());
        assertEquals(5_000, root.durationNanos());

        assertEquals("/api/orders", root.attribute("http.route"));
        assertEquals(201L, root.attribute("http.response.status_code"));
        assertEquals(55.7, root.attribute("order.total"));
        assertEquals(true, root.attribute("order.first"));
        assertEquals(List.of("SKU-1001", "SKU-1004"), root.attribute("order.products"));
        assertEquals(List.of(2L, 1L), root.attribute("order.quantities"));
        assertEquals(List.of(1.5, 0.25), root.attribute("order.weights"));
        assertEquals(List.of(false, true), root.attribute("order.gift_wrapped"));
        assertEquals(8, root.attributes().size());

        assertEquals("ERROR", root.statusCode());
        assertEquals("payment declined", root.statusMessage());
        assertEquals(List.of(new ReceivedEvent("stock reserved", start + 1_000, Map.of("reservation.lines", 2L))),
                root.events());
        assertEquals(List.of(new ReceivedLink(linked.getTraceId(), linked.getSpanId(),
                Map.of("link.reason", "retry of"))), root.links());

        assertEquals(traceId, child.traceId());
        assertEquals(childSpanId, child.spanId());
        assertEquals(rootSpanId, child.parentSpanId());
        assertFalse(child.isRoot());
        assertEquals(SpanKind.CLIENT, child.kind());
        assertEquals("localhost", child.attribute("server.address"));
        assertEquals("UNSET", child.statusCode());
        assertEquals("", child.statusMessage());
        assertEquals(List.of(), child.events());
        assertEquals(List.of(), child.links());

        assertEquals(spans, receiver.spansOfTrace(traceId));
        assertEquals(List.of(), receiver.spansOfTrace(linked.getTraceId()));
    }

    @ParameterizedTest
    @EnumSource(SpanKind.class)
    void spanKindRoundTrips(SpanKind kind) {
        exportSpan(exporter().build(), kind, StatusCode.UNSET);

        assertEquals(kind, receiver.awaitSpans(spans -> !spans.isEmpty(), TIMEOUT).getFirst().kind());
    }

    @Test
    void okStatusRoundTrips() {
        exportSpan(exporter().build(), SpanKind.INTERNAL, StatusCode.OK);

        assertEquals("OK", receiver.awaitSpans(spans -> !spans.isEmpty(), TIMEOUT).getFirst().statusCode());
    }

    @Test
    void gzipCompressedExportsAreDecoded() {
        exportSpan(exporter().setCompression("gzip").build(), SpanKind.SERVER, StatusCode.UNSET);

        ReceivedSpan span = receiver.awaitSpans(spans -> !spans.isEmpty(), TIMEOUT).getFirst();
        assertEquals(SERVICE, span.serviceName());
        assertEquals("work", span.name());
    }

    @Test
    void histogramPointCarriesAnExemplarOfTheSampledSpanItWasRecordedIn() {
        String traceId;
        try (SdkTracerProvider tracerProvider = tracerProvider(exporter().build());
                SdkMeterProvider meterProvider = SdkMeterProvider.builder()
                        .setResource(RESOURCE)
                        .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                .setEndpoint(receiver.endpoint() + "/v1/metrics").build()).build())
                        .build()) {
            DoubleHistogram duration = meterProvider.get("dev.reactivetracing.checkout")
                    .histogramBuilder("http.server.request.duration").setUnit("s").build();
            LongCounter orders = meterProvider.get("dev.reactivetracing.checkout")
                    .counterBuilder("orders.created").setUnit("{order}").build();
            Span span = tracerProvider.get("test").spanBuilder("POST /api/orders").startSpan();
            // The SDK's default exemplar filter keeps measurements taken inside a sampled span.
            try (Scope ignored = span.makeCurrent()) {
                duration.record(0.25, Attributes.of(AttributeKey.stringKey("http.route"), "/api/orders"));
                orders.add(3, Attributes.of(AttributeKey.stringKey("order.status"), "CONFIRMED"));
            } finally {
                span.end();
            }
            traceId = span.getSpanContext().getTraceId();
            assertSucceeded(meterProvider.forceFlush());
        }

        List<ReceivedMetric> metrics = receiver.awaitMetrics(received -> received.size() >= 2, TIMEOUT);
        ReceivedMetric histogram = metric(metrics, "http.server.request.duration");
        assertEquals(SERVICE, histogram.serviceName());
        assertEquals("histogram", histogram.type());
        assertEquals("s", histogram.unit());
        assertTrue(histogram.hasPointWith("http.route", "/api/orders"));
        assertTrue(histogram.hasExemplarOfTrace(traceId));
        ReceivedMetric.DataPoint point = histogram.points().getFirst();
        assertEquals(1, point.count());
        assertEquals(0.25, point.sum());
        assertEquals(List.of(traceId), point.exemplarTraceIds());

        ReceivedMetric counter = metric(metrics, "orders.created");
        assertEquals("sum", counter.type());
        assertEquals("{order}", counter.unit());
        assertEquals(3.0, counter.points().getFirst().value());
        assertEquals("CONFIRMED", counter.points().getFirst().attribute("order.status"));
        assertFalse(counter.hasPointWith("order.status", "CANCELLED"));
    }

    @Test
    void listenersGetEachBatchBeforeTheExporterIsAnswered() {
        List<List<ReceivedSpan>> batches = new CopyOnWriteArrayList<>();
        receiver.addSpanListener(batches::add);

        exportSpan(exporter().build(), SpanKind.SERVER, StatusCode.UNSET);

        // exportSpan returned once the exporter had its answer: no waiting here.
        assertEquals(1, batches.size());
        assertEquals("work", batches.getFirst().getFirst().name());
        assertEquals(1, receiver.requestCount());
    }

    @Test
    void aFailingListenerDoesNotFailTheExport() {
        receiver.addSpanListener(batch -> {
            throw new IllegalStateException("listener bug");
        });

        exportSpan(exporter().build(), SpanKind.SERVER, StatusCode.UNSET);

        assertEquals(1, receiver.spans().size());
    }

    @Test
    void awaitSpansFailsWithOneLinePerReceivedSpan() {
        exportSpan(exporter().build(), SpanKind.SERVER, StatusCode.ERROR);
        ReceivedSpan received = receiver.awaitSpans(spans -> !spans.isEmpty(), TIMEOUT).getFirst();

        AssertionError failure = assertThrows(AssertionError.class,
                () -> receiver.awaitSpans(spans -> spans.size() == 2, Duration.ofMillis(200)));

        assertTrue(failure.getMessage().contains("Received 1 spans:"), failure.getMessage());
        assertTrue(failure.getMessage().contains(SERVICE + " 'work' SERVER " + received.traceId() + "/"
                + received.spanId() + "/- ERROR"), failure.getMessage());
    }

    @Test
    void clearForgetsWhatWasReceived() {
        exportSpan(exporter().build(), SpanKind.SERVER, StatusCode.UNSET);
        receiver.awaitSpans(spans -> !spans.isEmpty(), TIMEOUT);

        receiver.clear();

        assertEquals(List.of(), receiver.spans());
        assertEquals(List.of(), receiver.metrics());
    }

    @Test
    void logsAreAcceptedAndDropped() throws Exception {
        HttpResponse<byte[]> response = post("/v1/logs", "application/x-protobuf",
                ExportLogsServiceRequest.getDefaultInstance().toByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
    }

    @Test
    void otlpJsonIsRefusedWith415() throws Exception {
        HttpResponse<byte[]> response = post("/v1/traces", "application/json", "{}".getBytes());

        assertEquals(415, response.statusCode());
        assertEquals(0, receiver.requestCount());
    }

    @Test
    void malformedProtobufIsRefusedWith400() throws Exception {
        assertEquals(400, post("/v1/traces", "application/x-protobuf", new byte[] {0x0a, 0x7f}).statusCode());
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, post("/v1/profiles", "application/x-protobuf", new byte[0]).statusCode());
        HttpResponse<Void> get = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(405, get.statusCode());
    }

    @Test
    void eachReceiverGetsItsOwnFreePort() {
        try (OtlpHttpReceiver other = OtlpHttpReceiver.start(0)) {
            assertNotEquals(receiver.port(), other.port());
            assertEquals("http://localhost:" + other.port(), other.endpoint());
        }
    }

    private OtlpHttpSpanExporterBuilder exporter() {
        return OtlpHttpSpanExporter.builder().setEndpoint(receiver.endpoint() + "/v1/traces");
    }

    private static SdkTracerProvider tracerProvider(OtlpHttpSpanExporter exporter) {
        return SdkTracerProvider.builder()
                .setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
    }

    /** Exports one span named "work" and returns once the receiver has answered the export. */
    private static void exportSpan(OtlpHttpSpanExporter exporter, SpanKind kind, StatusCode status) {
        try (SdkTracerProvider tracerProvider = tracerProvider(exporter)) {
            Span span = tracerProvider.get("test").spanBuilder("work").setSpanKind(kind).startSpan();
            span.setStatus(status);
            span.end();
            assertSucceeded(tracerProvider.forceFlush());
        }
    }

    private static void assertSucceeded(CompletableResultCode export) {
        assertTrue(export.join(10, TimeUnit.SECONDS).isSuccess(), "the export failed");
    }

    private static ReceivedMetric metric(List<ReceivedMetric> metrics, String name) {
        return metrics.stream().filter(metric -> metric.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No metric " + name + " in " + metrics));
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
