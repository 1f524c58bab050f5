package dev.reactivetracing.testing.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The schema file is consistent, and an inconsistent one is refused with every problem named. */
class TelemetrySchemaTest {

    @Test
    void theProjectsSchemaIsConsistent() {
        TelemetrySchema schema = TelemetrySchema.load();
        assertEquals("reactivetracing.", schema.namespace());
        assertEquals(List.of("order-service", "inventory-service"), schema.services());
        assertTrue(schema.attributes().stream().noneMatch(TelemetrySchema.AttributeDef::personalData));
        // Every attribute of this project is in its namespace; every other one names its semconv constant.
        schema.attributes().forEach(attribute -> assertTrue(attribute.key().startsWith("reactivetracing.")
                != (attribute.semconv() != null), attribute.key()));
    }

    @Test
    void anInconsistentSchemaIsRefusedWithEveryProblem() {
        String yaml = """
                namespace: reactivetracing
                semconv_version: 1.37.0
                services: [order-service]
                attributes:
                  - key: order.id
                    type: string
                    brief: home-made, outside the namespace
                    pattern: '^.+$'
                    cardinality: unbounded
                    personal_data: false
                  - key: reactivetracing.customer.email
                    type: string
                    brief: personal data
                    max_length: 100
                    cardinality: unbounded
                    personal_data: true
                spans:
                  - id: order.create_order
                    service: order-service
                    name: create_order
                    kind: INTERNAL
                    source: project
                    parents: [order.nowhere]
                    attributes:
                      - ref: reactivetracing.order.id
                        requirement_level: required
                metrics:
                  - name: orders.created
                    instrument: counter
                    unit: '{order}'
                    source: project
                    brief: counted by customer
                    attributes:
                      - ref: reactivetracing.customer.email
                        requirement_level: required
                """;
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TelemetrySchema.parse(yaml, Path.of("inline.yaml")));
        String message = refused.getMessage();
        for (String problem : List.of("order.id: an attribute of this project must be under 'reactivetracing.'",
                "reactivetracing.customer.email: personal_data must be false",
                "unknown parent span 'order.nowhere'",
                "unknown attribute 'reactivetracing.order.id'",
                "reactivetracing.customer.email has unbounded cardinality, never a metric attribute")) {
            assertTrue(message.contains(problem), () -> "'" + problem + "' expected in:\n" + message);
        }
    }
}
