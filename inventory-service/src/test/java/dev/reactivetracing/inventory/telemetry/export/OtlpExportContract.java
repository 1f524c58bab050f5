package dev.reactivetracing.inventory.telemetry.export;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.testing.otlp.VertxOtlpReceiver;
import dev.reactivetracing.testing.otlp.VertxOtlpReceiver.Export;
import dev.reactivetracing.testing.trace.SpanTree;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;

/**
 * What every way of exporting must do: the spans of a request arrive at the collector, with the configured
 * compression and headers (and the client certificate, over TLS), and the batch processor in front of the exporter
 * counts what it processes, so that dropped spans would be counted too.
 */
abstract class OtlpExportContract {

    private final VertxOtlpReceiver receiver;
    private final String transport;
    private final String clientCertificate;

    @Inject
    InMemoryMetricExporter metrics;

    OtlpExportContract(VertxOtlpReceiver receiver, String transport, String clientCertificate) {
        this.receiver = receiver;
        this.transport = transport;
        this.clientCertificate = clientCertificate;
    }

    @Test
    void theSpansOfARequestArriveAsConfigured() {
        String traceId = SpanTree.traceIdOf(given().get("/api/products/{id}", "NOPE-EXPORT")
                .then().statusCode(404).extract().header("traceresponse"));

        // The request's server span, in whichever batch it came.
        List<Export> exports = receiver.awaitExports(received -> received.stream()
                .anyMatch(export -> export.spans().stream().anyMatch(span -> isServerSpanOf(span, traceId))),
                Duration.ofSeconds(20));
        Export export = exports.stream()
                .filter(candidate -> candidate.spans().stream().anyMatch(span -> isServerSpanOf(span, traceId)))
                .findFirst().orElseThrow();
        assertEquals(transport, export.transport());
        assertEquals("gzip", export.compression());
        assertEquals(ExportReceivers.API_KEY, export.apiKey());
        assertEquals(clientCertificate, export.clientCertificate());
        // Every export request was made the same way.
        exports.forEach(each -> assertEquals(List.of(transport, "gzip", ExportReceivers.API_KEY, clientCertificate),
                List.of(each.transport(), each.compression(), each.apiKey(), each.clientCertificate())));

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.getFinishedMetricItems().stream()
                .map(MetricData::getName).anyMatch("processedSpans"::equals));
    }

    private static boolean isServerSpanOf(ReceivedSpan span, String traceId) {
        return span.traceId().equals(traceId) && span.name().equals("GET /api/products/{id}")
                && span.serviceName().equals("inventory-service");
    }
}
