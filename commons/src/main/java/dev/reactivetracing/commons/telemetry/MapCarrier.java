package dev.reactivetracing.commons.telemetry;

import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;

/** Reads propagation fields from a plain map: trace context stored with an outbox event, headers in a test. */
public final class MapCarrier {

    public static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private MapCarrier() {
    }
}
