package dev.reactivetracing.tooling.otlp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric of one export, decoded into plain values: each export of a cumulative metric arrives as a new
 * {@code ReceivedMetric} with the points of that moment.
 *
 * @param serviceName the resource attribute {@code service.name}, empty if the resource has none
 * @param type "sum", "gauge", "histogram", "exponential_histogram" or "summary"
 * @param unit as the instrument declared it (e.g. "s", "By", "{request}"), empty if none
 */
public record ReceivedMetric(String serviceName, String name, String type, String unit, List<DataPoint> points) {

    public ReceivedMetric {
        points = List.copyOf(points);
    }

    /** {@code service name type unit points}: one line of a readable dump. */
    public String summary() {
        return serviceName + " '" + name + "' " + type + " unit=" + (unit.isEmpty() ? "-" : unit) + " points="
                + points.size();
    }

    /** Whether some point has the attribute {@code key} with {@code value} (typed as in {@link ReceivedSpan}). */
    public boolean hasPointWith(String key, Object value) {
        return points.stream().anyMatch(point -> Objects.equals(point.attributes().get(key), value));
    }

    /** Whether some point carries an exemplar recorded inside a span of trace {@code traceId}. */
    public boolean hasExemplarOfTrace(String traceId) {
        return points.stream().anyMatch(point -> point.exemplarTraceIds().contains(traceId));
    }

    /**
     * One data point, flattened across metric types.
     *
     * @param value the number of a sum or gauge point; for the histogram-like types, NaN (read count and sum)
     * @param count how many measurements a histogram or summary point aggregates; 0 for sums and gauges
     * @param sum the sum of those measurements; 0 for sums and gauges and when the exporter left it out
     * @param exemplarTraceIds the trace ids (lowercase hex) of the point's exemplars that were recorded in a span
     */
    public record DataPoint(Map<String, Object> attributes, double value, long count, double sum,
            List<String> exemplarTraceIds) {

        public DataPoint {
            attributes = AttributeMaps.immutableCopy(attributes);
            exemplarTraceIds = List.copyOf(exemplarTraceIds);
        }

        public Object attribute(String key) {
            return attributes.get(key);
        }
    }
}
