package dev.reactivetracing.tooling.otlp;

import java.util.Map;

/** A span event (an exception, a retry, ...). Attribute values are typed as in {@link ReceivedSpan#attributes()}. */
public record ReceivedEvent(String name, long epochNanos, Map<String, Object> attributes) {

    public ReceivedEvent {
        attributes = AttributeMaps.immutableCopy(attributes);
    }

    public Object attribute(String key) {
        return attributes.get(key);
    }
}
