package dev.reactivetracing.testing.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import dev.reactivetracing.tooling.otlp.ReceivedEvent;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/**
 * A span as the checker sees it, whichever way it was exported: from the SDK in-process ({@link SpanData}) or over
 * OTLP ({@link ReceivedSpan}). Attribute values are String, Long, Double, Boolean or a List of those.
 *
 * @param parentSpanId empty for a root span
 * @param parentRemote whether the parent is in another process; null when the source cannot tell (OTLP as decoded)
 * @param kind SERVER, CLIENT, PRODUCER, CONSUMER or INTERNAL
 */
public record CheckedSpan(String service, String traceId, String spanId, String parentSpanId, Boolean parentRemote,
        String name, String kind, Map<String, Object> attributes, List<CheckedEvent> events) {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    public CheckedSpan {
        attributes = Map.copyOf(attributes);
        events = List.copyOf(events);
    }

    public static CheckedSpan of(SpanData span) {
        boolean hasParent = span.getParentSpanContext().isValid();
        return new CheckedSpan(String.valueOf(span.getResource().getAttribute(SERVICE_NAME)), span.getTraceId(),
                span.getSpanId(), hasParent ? span.getParentSpanId() : "",
                hasParent ? span.getParentSpanContext().isRemote() : null, span.getName(), span.getKind().name(),
                plain(span.getAttributes()),
                span.getEvents().stream().map(CheckedSpan::event).toList());
    }

    public static CheckedSpan of(ReceivedSpan span) {
        return new CheckedSpan(span.serviceName(), span.traceId(), span.spanId(), span.parentSpanId(), null,
                span.name(), span.kind().name(), span.attributes(),
                span.events().stream().map(CheckedSpan::event).toList());
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** {@code service 'name' (KIND)}, for messages. */
    public String label() {
        return service + " '" + name + "' (" + kind + ")";
    }

    private static CheckedEvent event(EventData event) {
        return new CheckedEvent(event.getName(), plain(event.getAttributes()));
    }

    private static CheckedEvent event(ReceivedEvent event) {
        return new CheckedEvent(event.name(), event.attributes());
    }

    /** The SDK's typed attributes as plain values (arrays as lists). */
    static Map<String, Object> plain(Attributes attributes) {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((key, value) -> values.put(key.getKey(), value));
        return values;
    }

    public record CheckedEvent(String name, Map<String, Object> attributes) {

        public CheckedEvent {
            attributes = Map.copyOf(attributes);
        }
    }
}
