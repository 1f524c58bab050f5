package dev.reactivetracing.tooling.otlp;

import java.util.Map;

/** A span link to another span, possibly of another trace; ids in lowercase hex. */
public record ReceivedLink(String traceId, String spanId, Map<String, Object> attributes) {

    public ReceivedLink {
        attributes = AttributeMaps.immutableCopy(attributes);
    }
}
