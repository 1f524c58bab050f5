package dev.reactivetracing.order.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.testing.docs.ConfigurationDocs;

/** docs/configuration.md has a row for every property of this module's configuration, with the code's default. */
class ConfigurationDocsTest {

    @Test
    void everyOrderConfigPropertyIsDocumentedWithTheCodesDefault() {
        assertEquals(List.of(), ConfigurationDocs.problems(OrderConfig.class, "orders"));
    }
}
