package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * Canary for a workaround: {@link OtlpSpanExporterProducer} exists because the extension's own span export path
 * ({@code LateBoundSpanProcessor} around a batch processor built in {@code OTelExporterRecorder}) gets no meter provider
 * in Quarkus 3.33.2, so dropped spans go uncounted. quarkus PR #52752 removes that processor in favour of a
 * {@code SpanExporter} bean wrapped by the SDK's autoconfiguration, which is what the producer does by hand. When this
 * fails, a Quarkus upgrade brought that change: check that {@code processedSpans} is still exported without the
 * producer (system-tests' TracePipelineOutageGuaranteeTest), then delete it and keep the TLS/proxy tests.
 */
class ExtensionExportCanaryTest {

    @Test
    void theExtensionStillExportsThroughItsLateBoundProcessor() {
        assertDoesNotThrow(() -> Class.forName(
                "io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor"),
                "LateBoundSpanProcessor is gone (quarkus PR #52752): OtlpSpanExporterProducer may be redundant");
    }
}
