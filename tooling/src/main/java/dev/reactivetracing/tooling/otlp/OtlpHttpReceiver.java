package dev.reactivetracing.tooling.otlp;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * An OTLP/HTTP endpoint (binary protobuf, as the services export by default) that keeps what it receives, so that a
 * test asserts on the spans and metrics a service process really exported, and the local run can forward them to a
 * trace UI. Built on the JDK's HTTP server: no server dependency, starts in milliseconds.
 *
 * <p>{@code POST /v1/traces} and {@code /v1/metrics} are decoded and kept; {@code POST /v1/logs} is accepted and
 * dropped, so that a service exporting logs too sees no errors. OTLP/JSON is answered with 415.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String TRACES = "/v1/traces";
    private static final String METRICS = "/v1/metrics";
    private static final String LOGS = "/v1/logs";

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final ReceivedStore<ReceivedSpan> spans = new ReceivedStore<>("spans", ReceivedSpan::summary);
    private final ReceivedStore<ReceivedMetric> metrics = new ReceivedStore<>("metrics", ReceivedMetric::summary);
    private final AtomicInteger traceRequests = new AtomicInteger();
    private ScheduledExecutorService forgetting;

    private OtlpHttpReceiver(HttpServer server, ExecutorService requestThreads) {
        this.server = server;
        this.requestThreads = requestThreads;
    }

    /** Listens on the loopback interface on {@code port}; 0 picks a free port (see {@link #endpoint()}). */
    public static OtlpHttpReceiver start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException inUse) {
            throw new UncheckedIOException("Port " + port + " is in use: the OTLP receiver cannot listen on it", inUse);
        } catch (IOException failure) {
            throw new UncheckedIOException("The OTLP receiver could not start", failure);
        }
        // Virtual threads: an export blocked in a slow listener (the local run's forwarding) holds no platform thread.
        ExecutorService requestThreads = Executors.newVirtualThreadPerTaskExecutor();
        OtlpHttpReceiver receiver = new OtlpHttpReceiver(server, requestThreads);
        server.createContext("/", receiver::handle);
        server.setExecutor(requestThreads);
        server.start();
        return receiver;
    }

    /** The base URL, the value for {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the exporters append /v1/traces etc.). */
    public String endpoint() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every span received so far, in arrival order. */
    public List<ReceivedSpan> spans() {
        return spans.snapshot();
    }

    public List<ReceivedSpan> spansOfTrace(String traceId) {
        return spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Every metric export received so far, in arrival order (a cumulative metric arrives once per export). */
    public List<ReceivedMetric> metrics() {
        return metrics.snapshot();
    }

    /** Forgets what was received (not the listeners, nor the request count), e.g. between tests sharing a receiver. */
    public void clear() {
        spans.clear();
        metrics.clear();
    }

    /**
     * For long runs in which nobody reads what the receiver keeps (listeners still see every batch): {@link #clear()}
     * every {@code period} until the receiver is closed, so that it does not hold every span of the run.
     */
    public synchronized void forgetReceivedEvery(Duration period) {
        if (forgetting != null) {
            throw new IllegalStateException("The receiver already forgets what it receives periodically");
        }
        forgetting = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "otlp-receiver-clear");
            thread.setDaemon(true);
            return thread;
        });
        forgetting.scheduleAtFixedRate(this::clear, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until {@code condition} holds for all spans received so far and returns them. Services export in batches,
     * a few seconds apart: wait for what a test needs rather than sleeping.
     *
     * @throws AssertionError on timeout, listing every span received (service, name, kind, trace/span/parent ids,
     *     status), one per line
     */
    public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> condition, Duration timeout) {
        return spans.await(condition, timeout);
    }

    /** As {@link #awaitSpans}, for metrics. */
    public List<ReceivedMetric> awaitMetrics(Predicate<List<ReceivedMetric>> condition, Duration timeout) {
        return metrics.await(condition, timeout);
    }

    /**
     * Calls {@code listener} with each decoded batch of spans, on the request's thread, before the exporter gets its
     * answer: once a service has flushed its spans, every listener has seen them. A listener that throws is logged and
     * does not fail the export.
     */
    public void addSpanListener(Consumer<List<ReceivedSpan>> listener) {
        spans.addListener(listener);
    }

    /** How many trace export requests were accepted. */
    public int requestCount() {
        return traceRequests.get();
    }

    /** Stops listening, letting an export in progress finish for up to a second. */
    @Override
    public void close() {
        synchronized (this) {
            if (forgetting != null) {
                forgetting.shutdownNow();
            }
        }
        server.stop(1);
        requestThreads.shutdown();
        try {
            requestThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!List.of(TRACES, METRICS, LOGS).contains(path)) {
                sendText(exchange, 404, "Not an OTLP/HTTP path; this receiver serves " + TRACES + ", " + METRICS
                        + " and " + LOGS);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                sendText(exchange, 405, "OTLP/HTTP exports are POST requests");
                return;
            }
            String mediaType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!mediaType.equals(PROTOBUF)) {
                exchange.getResponseHeaders().set("Accept-Post", PROTOBUF);
                sendText(exchange, 415, "Only binary protobuf (" + PROTOBUF + ") is supported, not '" + mediaType
                        + "': set the exporter's protocol to http/protobuf");
                return;
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null && !encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("identity")) {
                sendText(exchange, 415, "Unsupported Content-Encoding '" + encoding + "': use gzip or none");
                return;
            }
            byte[] body;
            try {
                body = readBody(exchange, "gzip".equalsIgnoreCase(encoding));
            } catch (ZipException | EOFException notGzip) {
                sendText(exchange, 400, "Content-Encoding is gzip but the body is not: " + notGzip.getMessage());
                return;
            }
            try {
                switch (path) {
                    case TRACES -> {
                        List<ReceivedSpan> batch = OtlpDecoder.spans(ExportTraceServiceRequest.parseFrom(body));
                        traceRequests.incrementAndGet();
                        spans.add(batch);
                        sendProtobuf(exchange, ExportTraceServiceResponse.getDefaultInstance());
                    }
                    case METRICS -> {
                        metrics.add(OtlpDecoder.metrics(ExportMetricsServiceRequest.parseFrom(body)));
                        sendProtobuf(exchange, ExportMetricsServiceResponse.getDefaultInstance());
                    }
                    default -> sendProtobuf(exchange, ExportLogsServiceResponse.getDefaultInstance());
                }
            } catch (InvalidProtocolBufferException malformed) {
                sendText(exchange, 400, "Not a valid OTLP protobuf message: " + malformed.getMessage());
            }
        }
    }

    /** The media type without parameters ("application/x-protobuf; charset=..." happens), lower case. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] readBody(HttpExchange exchange, boolean gzipped) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        if (!gzipped) {
            return raw;
        }
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return unzipped.readAllBytes();
        }
    }

    private static void sendProtobuf(HttpExchange exchange, MessageLite message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        send(exchange, 200, message.toByteArray());
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // -1 announces an empty body (Content-Length: 0); the empty export responses encode to zero bytes.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
