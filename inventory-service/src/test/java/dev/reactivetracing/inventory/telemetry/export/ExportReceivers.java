package dev.reactivetracing.inventory.telemetry.export;

import java.util.HashMap;
import java.util.Map;

import dev.reactivetracing.testing.otlp.VertxOtlpReceiver;
import dev.reactivetracing.testing.tls.TestCertificates;

/**
 * The receivers the export tests send to, one per test JVM, started before the application that exports to them
 * (from its test profile's configuration).
 */
final class ExportReceivers {

    static final String API_KEY = "export-test-key";

    private static VertxOtlpReceiver grpc;
    private static VertxOtlpReceiver https;
    private static TestCertificates certificates;

    private ExportReceivers() {
    }

    static synchronized VertxOtlpReceiver grpc() {
        if (grpc == null) {
            grpc = VertxOtlpReceiver.grpc();
            Runtime.getRuntime().addShutdownHook(new Thread(grpc::close));
        }
        return grpc;
    }

    static synchronized VertxOtlpReceiver https() {
        if (https == null) {
            https = VertxOtlpReceiver.https(certificates());
            Runtime.getRuntime().addShutdownHook(new Thread(https::close));
        }
        return https;
    }

    static synchronized TestCertificates certificates() {
        if (certificates == null) {
            certificates = TestCertificates.create();
        }
        return certificates;
    }

    /** The service's own OTLP exporter on (tests have only the in-memory one), gzip and an API key header. */
    static Map<String, String> exportTo(String protocol, String endpoint) {
        Map<String, String> config = new HashMap<>();
        config.put("tracing.export.otlp", "true");
        config.put("quarkus.otel.exporter.otlp.protocol", protocol);
        config.put("quarkus.otel.exporter.otlp.endpoint", endpoint);
        config.put("quarkus.otel.exporter.otlp.compression", "gzip");
        config.put("quarkus.otel.exporter.otlp.headers", "x-api-key=" + API_KEY);
        return config;
    }
}
