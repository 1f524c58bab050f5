package dev.reactivetracing.testing.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * telemetry-schema/README.md is generated from telemetry.yaml: this fails when it is stale. With
 * {@code -Dtelemetry.schema.write=true} it writes the file instead.
 */
class SchemaReadmeTest {

    @Test
    void readmeIsWhatTheSchemaRenders() throws IOException {
        TelemetrySchema schema = TelemetrySchema.load();
        String rendered = SchemaReadme.render(schema);
        Path readme = SchemaReadme.readmeOf(schema);
        if (Boolean.getBoolean("telemetry.schema.write")) {
            Files.writeString(readme, rendered);
        }
        assertTrue(Files.isRegularFile(readme), readme + " is missing; run: " + SchemaReadme.REGENERATE);
        assertEquals(rendered, Files.readString(readme), readme + " is out of date with telemetry.yaml; run: "
                + SchemaReadme.REGENERATE);
    }

    @Test
    void readmeNamesEverySpanAttributeEventAndMetric() {
        TelemetrySchema schema = TelemetrySchema.load();
        String rendered = SchemaReadme.render(schema);
        schema.attributes().forEach(attribute -> assertTrue(rendered.contains("`" + attribute.key() + "`"),
                attribute.key()));
        schema.spans().forEach(span -> span.names().forEach(name -> assertTrue(rendered.contains(name), name)));
        schema.events().forEach(event -> assertTrue(rendered.contains("`" + event.name() + "`"), event.name()));
        schema.metrics().forEach(metric -> assertTrue(rendered.contains("`" + metric.name() + "`"), metric.name()));
    }
}
