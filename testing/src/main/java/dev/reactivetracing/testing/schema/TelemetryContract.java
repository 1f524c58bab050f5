package dev.reactivetracing.testing.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import dev.reactivetracing.tooling.otlp.ReceivedMetric;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/**
 * What a trace test calls: fails with every violation of {@code telemetry-schema/telemetry.yaml} among the spans or
 * metrics it exported (in-process, from the SDK's in-memory exporters) or received (over OTLP, from the services'
 * processes).
 */
public final class TelemetryContract {

    private static final int MAX_LISTED = 40;

    private TelemetryContract() {
    }

    public static void assertSpansConform(Collection<SpanData> spans) {
        assertNone(new SchemaChecker(TelemetrySchema.load())
                .checkSpans(spans.stream().map(CheckedSpan::of).toList()), spans.size() + " exported spans");
    }

    public static void assertReceivedSpansConform(Collection<ReceivedSpan> spans) {
        assertNone(new SchemaChecker(TelemetrySchema.load())
                .checkSpans(spans.stream().map(CheckedSpan::of).toList()), spans.size() + " received spans");
    }

    public static void assertMetricsConform(Collection<MetricData> metrics) {
        assertNone(new SchemaChecker(TelemetrySchema.load())
                .checkMetrics(metrics.stream().map(CheckedMetric::of).toList()), metrics.size() + " exported metrics");
    }

    public static void assertReceivedMetricsConform(Collection<ReceivedMetric> metrics) {
        assertNone(new SchemaChecker(TelemetrySchema.load())
                .checkMetrics(metrics.stream().map(CheckedMetric::of).toList()), metrics.size() + " received metrics");
    }

    /** Fails listing each distinct violation once, with how often it occurred. */
    static void assertNone(List<Violation> violations, String checked) {
        if (violations.isEmpty()) {
            return;
        }
        Map<String, Long> counted = violations.stream().collect(Collectors.groupingBy(Violation::toString,
                LinkedHashMap::new, Collectors.counting()));
        String listed = counted.entrySet().stream().limit(MAX_LISTED)
                .map(entry -> "  - " + entry.getKey() + (entry.getValue() > 1 ? " (x" + entry.getValue() + ")" : ""))
                .collect(Collectors.joining("\n"));
        throw new AssertionError(counted.size() + " kind(s) of violation of " + TelemetrySchema.RELATIVE_PATH
                + " in " + checked + ":\n" + listed
                + (counted.size() > MAX_LISTED ? "\n  ... and " + (counted.size() - MAX_LISTED) + " more" : ""));
    }
}
