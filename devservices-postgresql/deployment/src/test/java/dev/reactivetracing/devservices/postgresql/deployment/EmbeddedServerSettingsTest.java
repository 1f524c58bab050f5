package dev.reactivetracing.devservices.postgresql.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EmbeddedServerSettingsTest {

    @Test
    void withoutCommandTheServerIsTunedForThrowAwayData() {
        EmbeddedServerSettings settings = EmbeddedServerSettings.from(Optional.empty());

        assertEquals(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off",
                "max_connections", "300", "max_prepared_transactions", "100"), settings.settings());
        assertEquals(List.of(), settings.ignoredArguments());
    }

    @Test
    void containerCommandSettingsOverrideTheDefaults() {
        EmbeddedServerSettings settings = EmbeddedServerSettings.from(Optional.of(
                "postgres -c max_connections=500 --max-prepared-transactions=0 -cwork_mem=8MB -c search_path='app'"));

        assertEquals("500", settings.settings().get("max_connections"));
        assertEquals("0", settings.settings().get("max_prepared_transactions"));
        assertEquals("8MB", settings.settings().get("work_mem"));
        assertEquals("app", settings.settings().get("search_path"));
        assertEquals(List.of(), settings.ignoredArguments());
    }

    @Test
    void argumentsThatAreNotSettingsAreReported() {
        EmbeddedServerSettings settings = EmbeddedServerSettings.from(Optional.of("-N 20 --fsync=on"));

        assertEquals(List.of("-N", "20"), settings.ignoredArguments());
        assertEquals("on", settings.settings().get("fsync"));
    }
}
