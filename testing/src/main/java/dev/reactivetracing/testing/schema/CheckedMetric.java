package dev.reactivetracing.testing.schema;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import dev.reactivetracing.tooling.otlp.ReceivedMetric;

/**
 * A metric as the checker sees it, from the SDK in-process ({@link MetricData}) or over OTLP ({@link ReceivedMetric}).
 *
 * @param type "sum", "gauge", "histogram", "exponential_histogram" or "summary"
 * @param monotonic for a sum, whether it only goes up; null when unknown (OTLP as decoded) or not a sum
 * @param pointAttributes the attributes of each data point
 */
public record CheckedMetric(String service, String name, String type, Boolean monotonic, String unit,
        List<Map<String, Object>> pointAttributes) {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    public CheckedMetric {
        pointAttributes = List.copyOf(pointAttributes);
    }

    public static CheckedMetric of(MetricData metric) {
        String type;
        Boolean monotonic = null;
        switch (metric.getType()) {
            case LONG_SUM -> {
                type = "sum";
                monotonic = metric.getLongSumData().isMonotonic();
            }
            case DOUBLE_SUM -> {
                type = "sum";
                monotonic = metric.getDoubleSumData().isMonotonic();
            }
            case LONG_GAUGE, DOUBLE_GAUGE -> type = "gauge";
            case HISTOGRAM -> type = "histogram";
            case EXPONENTIAL_HISTOGRAM -> type = "exponential_histogram";
            default -> type = "summary";
        }
        return new CheckedMetric(String.valueOf(metric.getResource().getAttribute(SERVICE_NAME)), metric.getName(),
                type, monotonic, metric.getUnit(), metric.getData().getPoints().stream()
                        .map(point -> CheckedSpan.plain(point.getAttributes())).toList());
    }

    public static CheckedMetric of(ReceivedMetric metric) {
        return new CheckedMetric(metric.serviceName(), metric.name(), metric.type(), null, metric.unit(),
                metric.points().stream().map(ReceivedMetric.DataPoint::attributes).toList());
    }
}
