package dev.reactivetracing.tooling.otlp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** Turns OTLP protobuf export requests into the plain {@link ReceivedSpan} and {@link ReceivedMetric} model. */
public final class OtlpDecoder {

    private static final String SERVICE_NAME = "service.name";
    private static final HexFormat HEX = HexFormat.of();

    private OtlpDecoder() {
    }

    public static List<ReceivedSpan> spans(ExportTraceServiceRequest request) {
        List<ReceivedSpan> spans = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, Object> resource = attributes(resourceSpans.getResource());
            String serviceName = serviceName(resource);
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                String scopeName = scopeSpans.getScope().getName();
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(new ReceivedSpan(serviceName, resource, scopeName,
                            hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
                            span.getName(), kind(span.getKind()),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                            attributes(span.getAttributesList()),
                            statusCode(span.getStatus().getCode()), span.getStatus().getMessage(),
                            span.getEventsList().stream()
                                    .map(event -> new ReceivedEvent(event.getName(), event.getTimeUnixNano(),
                                            attributes(event.getAttributesList())))
                                    .toList(),
                            span.getLinksList().stream()
                                    .map(link -> new ReceivedLink(hex(link.getTraceId()), hex(link.getSpanId()),
                                            attributes(link.getAttributesList())))
                                    .toList()));
                }
            }
        }
        return spans;
    }

    static List<ReceivedMetric> metrics(ExportMetricsServiceRequest request) {
        List<ReceivedMetric> metrics = new ArrayList<>();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            String serviceName = serviceName(attributes(resourceMetrics.getResource()));
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    metrics.add(metric(serviceName, metric));
                }
            }
        }
        return metrics;
    }

    private static ReceivedMetric metric(String serviceName, Metric metric) {
        List<ReceivedMetric.DataPoint> points = switch (metric.getDataCase()) {
            case GAUGE -> numberPoints(metric.getGauge().getDataPointsList());
            case SUM -> numberPoints(metric.getSum().getDataPointsList());
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().stream()
                    .map(OtlpDecoder::histogramPoint).toList();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList().stream()
                    .map(OtlpDecoder::exponentialHistogramPoint).toList();
            case SUMMARY -> metric.getSummary().getDataPointsList().stream()
                    .map(OtlpDecoder::summaryPoint).toList();
            case DATA_NOT_SET -> List.of();
        };
        return new ReceivedMetric(serviceName, metric.getName(), type(metric.getDataCase()), metric.getUnit(), points);
    }

    private static String type(Metric.DataCase dataCase) {
        return switch (dataCase) {
            case GAUGE -> "gauge";
            case SUM -> "sum";
            case HISTOGRAM -> "histogram";
            case EXPONENTIAL_HISTOGRAM -> "exponential_histogram";
            case SUMMARY -> "summary";
            case DATA_NOT_SET -> "none";
        };
    }

    private static List<ReceivedMetric.DataPoint> numberPoints(List<NumberDataPoint> points) {
        return points.stream()
                .map(point -> new ReceivedMetric.DataPoint(attributes(point.getAttributesList()),
                        point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
                                ? point.getAsInt()
                                : point.getAsDouble(),
                        0, 0, exemplarTraceIds(point.getExemplarsList())))
                .toList();
    }

    private static ReceivedMetric.DataPoint histogramPoint(HistogramDataPoint point) {
        return new ReceivedMetric.DataPoint(attributes(point.getAttributesList()), Double.NaN, point.getCount(),
                point.hasSum() ? point.getSum() : 0, exemplarTraceIds(point.getExemplarsList()));
    }

    private static ReceivedMetric.DataPoint exponentialHistogramPoint(ExponentialHistogramDataPoint point) {
        return new ReceivedMetric.DataPoint(attributes(point.getAttributesList()), Double.NaN, point.getCount(),
                point.hasSum() ? point.getSum() : 0, exemplarTraceIds(point.getExemplarsList()));
    }

    private static ReceivedMetric.DataPoint summaryPoint(SummaryDataPoint point) {
        return new ReceivedMetric.DataPoint(attributes(point.getAttributesList()), Double.NaN, point.getCount(),
                point.getSum(), List.of());
    }

    /** Exemplars recorded outside a sampled span carry no trace id: they are left out. */
    private static List<String> exemplarTraceIds(List<Exemplar> exemplars) {
        return exemplars.stream()
                .filter(exemplar -> !exemplar.getTraceId().isEmpty())
                .map(exemplar -> hex(exemplar.getTraceId()))
                .toList();
    }

    private static SpanKind kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> SpanKind.SERVER;
            case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
            case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
            case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
            // The OTLP spec lets a receiver read an unspecified kind as INTERNAL.
            case SPAN_KIND_INTERNAL, SPAN_KIND_UNSPECIFIED, UNRECOGNIZED -> SpanKind.INTERNAL;
        };
    }

    private static String statusCode(Status.StatusCode code) {
        return switch (code) {
            case STATUS_CODE_OK -> "OK";
            case STATUS_CODE_ERROR -> "ERROR";
            case STATUS_CODE_UNSET, UNRECOGNIZED -> "UNSET";
        };
    }

    private static String serviceName(Map<String, Object> resourceAttributes) {
        return resourceAttributes.getOrDefault(SERVICE_NAME, "").toString();
    }

    private static Map<String, Object> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    /** Attributes without a value (allowed on the wire, never written by the SDKs) are left out. */
    private static Map<String, Object> attributes(List<KeyValue> keyValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            Object value = value(keyValue.getValue());
            if (value != null) {
                attributes.put(keyValue.getKey(), value);
            }
        }
        return attributes;
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream()
                    .map(OtlpDecoder::value)
                    .filter(element -> element != null)
                    .toList();
            case KVLIST_VALUE -> AttributeMaps.immutableCopy(attributes(value.getKvlistValue().getValuesList()));
            // As the OTLP/JSON encoding writes bytes.
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case VALUE_NOT_SET -> null;
        };
    }

    private static String hex(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }
}
