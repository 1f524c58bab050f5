package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The shared defaults, read as Quarkus reads them, profile by profile. */
class ProfileDefaultsTest {

    private static final String RATIO = "quarkus.otel.traces.sampler.arg";

    @Test
    void eachEnvironmentSamplesNewTracesAtItsRatio() throws IOException {
        assertEquals("1.0", config("dev", Map.of()).getValue(RATIO, String.class));
        assertEquals("1.0", config("test", Map.of()).getValue(RATIO, String.class));
        assertEquals("1.0", config("local", Map.of()).getValue(RATIO, String.class));
        assertEquals("0.5", config("staging", Map.of()).getValue(RATIO, String.class));
        assertEquals("0.1", config("prod", Map.of()).getValue(RATIO, String.class));
    }

    @Test
    void otelTracesSamplerArgOverridesTheRatioOutsideTests() throws IOException {
        assertEquals("0.25", config("prod", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.25")).getValue(RATIO, String.class));
        assertEquals("0.25", config("staging", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.25"))
                .getValue(RATIO, String.class));
    }

    /** The commons file at its ordinal, the given profile, and {@code environment} as environment variables. */
    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        URL defaults = ProfileDefaultsTest.class.getResource("/META-INF/microprofile-config.properties");
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(defaults, 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }
}
