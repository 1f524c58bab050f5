package dev.reactivetracing.testing.trace;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Exporters that keep what a {@code @QuarkusTest} application's OpenTelemetry SDK exports, for the test to read (inject
 * them). The OpenTelemetry extension uses CDI exporter beans when they exist, instead of OTLP. This jar is a bean
 * archive, so every module testing with it gets them.
 */
@Singleton
public class InMemoryTelemetry {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    @Produces
    @Singleton
    InMemoryMetricExporter metrics() {
        return InMemoryMetricExporter.create();
    }
}
