package dev.reactivetracing.tooling.otlp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

final class AttributeMaps {

    private AttributeMaps() {
    }

    /**
     * An unmodifiable copy that keeps the order the exporter sent (Map.copyOf would not), so dumps and the Zipkin tags
     * built from it read in the order the instrumentation wrote them.
     */
    static Map<String, Object> immutableCopy(Map<String, Object> attributes) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
