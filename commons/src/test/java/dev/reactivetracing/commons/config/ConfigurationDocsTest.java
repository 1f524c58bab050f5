package dev.reactivetracing.commons.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.input.InputLimits;
import dev.reactivetracing.commons.telemetry.TracingConfig;
import dev.reactivetracing.testing.docs.ConfigurationDocs;

/** docs/configuration.md has a row for every property of this module's configuration, with the code's default. */
class ConfigurationDocsTest {

    @Test
    void everyTracingConfigPropertyIsDocumentedWithTheCodesDefault() {
        assertEquals(List.of(), ConfigurationDocs.problems(TracingConfig.class, "tracing"));
    }

    @Test
    void everyInputLimitsPropertyIsDocumentedWithTheCodesDefault() {
        assertEquals(List.of(), ConfigurationDocs.problems(InputLimits.class, "api.limits"));
    }
}
