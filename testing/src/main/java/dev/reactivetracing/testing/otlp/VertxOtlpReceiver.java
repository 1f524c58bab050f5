package dev.reactivetracing.testing.otlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.awaitility.Awaitility;

import dev.reactivetracing.testing.tls.TestCertificates;
import dev.reactivetracing.tooling.otlp.OtlpDecoder;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.grpc.server.GrpcServer;

/**
 * An OTLP trace receiver on Vert.x for the export options the plain HTTP receiver cannot serve: OTLP/gRPC (HTTP/2 with
 * trailers) and TLS, with or without a client certificate. It keeps, per export request, what a test wants to check:
 * the transport, the compression, the {@code x-api-key} header, the client certificate's subject, and the spans.
 */
public final class VertxOtlpReceiver implements AutoCloseable {

    /** One export request as it arrived. {@code clientCertificate} is the subject, or {@code none}. */
    public record Export(String transport, String compression, String apiKey, String clientCertificate,
            List<ReceivedSpan> spans) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpServer server;
    private final boolean tls;
    private final List<Export> exports = new CopyOnWriteArrayList<>();
    private final int port;

    private VertxOtlpReceiver(boolean grpc, TestCertificates certificates) {
        this.vertx = Vertx.vertx();
        this.tls = certificates != null;
        HttpServerOptions options = new HttpServerOptions().setHost("localhost").setPort(0);
        if (tls) {
            options.setSsl(true).setUseAlpn(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(certificates.serverCertificate().toString())
                            .setKeyPath(certificates.serverKey().toString()))
                    .setTrustOptions(new PemTrustOptions()
                            .addCertPath(certificates.authorityCertificate().toString()))
                    .setClientAuth(ClientAuth.REQUEST);
        }
        this.server = vertx.createHttpServer(options);
        if (grpc) {
            GrpcServer grpcServer = GrpcServer.server(vertx);
            grpcServer.callHandler(TraceServiceGrpc.getExportMethod(), call -> {
                String compression = call.encoding();
                String apiKey = call.headers().get("x-api-key");
                String clientCertificate = clientCertificate(call.connection());
                call.handler(request -> {
                    record("grpc", compression, apiKey, clientCertificate, request);
                    call.response().end(ExportTraceServiceResponse.getDefaultInstance());
                });
            });
            server.requestHandler(grpcServer);
        } else {
            server.requestHandler(this::handleHttp);
        }
        try {
            this.port = server.listen().toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).actualPort();
        } catch (InterruptedException | ExecutionException | TimeoutException failure) {
            vertx.close();
            throw new IllegalStateException("OTLP receiver did not start", failure);
        }
    }

    /** OTLP/gRPC on {@code http://localhost:<port>}. */
    public static VertxOtlpReceiver grpc() {
        return new VertxOtlpReceiver(true, null);
    }

    /** OTLP/gRPC over TLS with the given server certificate; asks for (does not require) a client certificate. */
    public static VertxOtlpReceiver grpc(TestCertificates certificates) {
        return new VertxOtlpReceiver(true, certificates);
    }

    /** OTLP http/protobuf on {@code https://localhost:<port>/v1/traces}; asks for a client certificate. */
    public static VertxOtlpReceiver https(TestCertificates certificates) {
        return new VertxOtlpReceiver(false, certificates);
    }

    /** The base URL an exporter is configured with. */
    public String endpoint() {
        return (tls ? "https" : "http") + "://localhost:" + port;
    }

    public List<Export> exports() {
        return List.copyOf(exports);
    }

    public List<ReceivedSpan> spans() {
        return exports.stream().flatMap(export -> export.spans().stream()).toList();
    }

    /** Waits until the exports received so far satisfy {@code condition}, and returns them. */
    public List<Export> awaitExports(Predicate<List<Export>> condition, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(this::exports, condition);
    }

    private void handleHttp(HttpServerRequest request) {
        if (!"/v1/traces".equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        String compression = request.getHeader("Content-Encoding");
        String apiKey = request.getHeader("x-api-key");
        String clientCertificate = clientCertificate(request.connection());
        request.body().onSuccess(body -> {
            try {
                byte[] bytes = "gzip".equals(compression) ? gunzip(body) : body.getBytes();
                record("http/protobuf", compression, apiKey, clientCertificate,
                        ExportTraceServiceRequest.parseFrom(bytes));
                request.response().putHeader("Content-Type", "application/x-protobuf")
                        .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
            } catch (IOException unreadable) {
                request.response().setStatusCode(400).end(unreadable.toString());
            }
        });
    }

    private void record(String transport, String compression, String apiKey, String clientCertificate,
            ExportTraceServiceRequest request) {
        exports.add(new Export(transport, compression == null ? "identity" : compression, apiKey, clientCertificate,
                OtlpDecoder.spans(request)));
    }

    private static byte[] gunzip(Buffer body) throws IOException {
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
            return unzipped.readAllBytes();
        }
    }

    private static String clientCertificate(HttpConnection connection) {
        if (!connection.isSsl()) {
            return "none";
        }
        try {
            return connection.sslSession().getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return "none";
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException failure) {
            throw new UncheckedIOException(new IOException("OTLP receiver did not stop", failure));
        }
    }
}
