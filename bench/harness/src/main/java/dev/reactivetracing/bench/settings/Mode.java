package dev.reactivetracing.bench.settings;

import java.util.Arrays;
import java.util.Map;

/** How a service pair traces: the setups every ratio of the tracing cost is built from. */
public enum Mode {
    /** The SDK disabled: no tracer, no propagation, no exporter. */
    OFF("off", "tracing off", Map.of("QUARKUS_OTEL_SDK_DISABLED", "true")),
    /** Every trace recorded and exported. */
    FULL("full", "100 % sampling", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0")),
    /** One trace in ten recorded and exported: the production default. */
    TENTH("tenth", "10 % sampling", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.1")),
    /** The SDK on, nothing recorded: what the instrumentation costs by itself, without recording or export. */
    ZERO("zero", "0 % sampling (SDK on)", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.0"));

    public final String key;
    public final String label;
    /** The environment that selects the mode (on top of the packaged prod profile). */
    public final Map<String, String> environment;

    Mode(String key, String label, Map<String, String> environment) {
        this.key = key;
        this.label = label;
        this.environment = environment;
    }

    public static Mode of(String key) {
        return Arrays.stream(values()).filter(mode -> mode.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown mode " + key + " (off, full, tenth, zero)"));
    }
}
