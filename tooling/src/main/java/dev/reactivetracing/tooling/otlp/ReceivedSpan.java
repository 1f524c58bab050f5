package dev.reactivetracing.tooling.otlp;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.SpanKind;

/**
 * One span as a service exported it over OTLP, decoded into plain values so that a test asserts on it without
 * protobuf.
 *
 * @param serviceName the resource attribute {@code service.name}, empty if the resource has none
 * @param resourceAttributes every attribute of the span's resource
 * @param scopeName the instrumentation scope (the tracer's name)
 * @param traceId 32 lowercase hex digits
 * @param spanId 16 lowercase hex digits
 * @param parentSpanId 16 lowercase hex digits, or the empty string for a root span
 * @param kind {@code SPAN_KIND_UNSPECIFIED} on the wire reads as {@link SpanKind#INTERNAL}, as the OTLP spec allows
 * @param attributes values are String, Long, Double, Boolean, a List of those for arrays (all unmodifiable); the rare
 *     map-valued attribute reads as a Map, a bytes-valued one as a Base64 String
 * @param statusCode "UNSET", "OK" or "ERROR"
 * @param statusMessage the status description, empty if none
 */
public record ReceivedSpan(
        String serviceName,
        Map<String, Object> resourceAttributes,
        String scopeName,
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        long startEpochNanos,
        long endEpochNanos,
        Map<String, Object> attributes,
        String statusCode,
        String statusMessage,
        List<ReceivedEvent> events,
        List<ReceivedLink> links) {

    public ReceivedSpan {
        resourceAttributes = AttributeMaps.immutableCopy(resourceAttributes);
        attributes = AttributeMaps.immutableCopy(attributes);
        events = List.copyOf(events);
        links = List.copyOf(links);
    }

    /** The attribute's value (see {@link #attributes()} for the types), or null if the span does not have it. */
    public Object attribute(String key) {
        return attributes.get(key);
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    public long durationNanos() {
        return endEpochNanos - startEpochNanos;
    }

    /** {@code service name kind trace/span/parent status}: one line of a readable dump, "-" for a root's parent. */
    public String summary() {
        return serviceName + " '" + name + "' " + kind + " " + traceId + "/" + spanId + "/"
                + (isRoot() ? "-" : parentSpanId) + " " + statusCode
                + (statusMessage.isEmpty() ? "" : " (" + statusMessage + ")");
    }
}
