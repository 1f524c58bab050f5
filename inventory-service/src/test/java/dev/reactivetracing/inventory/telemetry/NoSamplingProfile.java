package dev.reactivetracing.inventory.telemetry;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A ratio of 0 for new traces, as an extreme production setting, and a low limit for forced traces. */
public class NoSamplingProfile implements QuarkusTestProfile {

    static final int FORCED_PER_SECOND = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.traces.sampler.arg", "0.0",
                "tracing.forced-traces.max-per-second", Integer.toString(FORCED_PER_SECOND));
    }
}
