package dev.reactivetracing.order.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.testing.schema.TelemetrySchema;

/** order-service's telemetry constants and telemetry-schema/telemetry.yaml say the same. */
class TelemetrySchemaTest {

    private final TelemetrySchema schema = TelemetrySchema.load();

    @Test
    void everyAttributeKeyInTheCodeIsInTheSchemaWithItsType() {
        assertEquals(List.of(), schema.undeclaredKeysIn(ProjectAttributes.class, OrderTelemetry.class,
                CircuitBreakerTelemetry.class));
    }

    @Test
    void everySpanAndEventNameInTheCodeIsInTheSchema() {
        for (String name : List.of(OrderTelemetry.CREATE_ORDER, OrderTelemetry.CHECK_INVENTORY,
                OrderTelemetry.SAVE_ORDER, OrderTelemetry.PUBLISH_EVENT, OrderTelemetry.SEND_ORDER_CREATED,
                OrderTelemetry.RELEASE_ABANDONED_ORDERS)) {
            assertTrue(schema.spans().stream().anyMatch(span -> span.service().equals("order-service")
                    && span.names().contains(name)), name);
        }
        assertTrue(schema.event(CircuitBreakerTelemetry.STATE_CHANGE_EVENT).isPresent());
        assertTrue(schema.metric(OrderTelemetry.ORDERS_CREATED).isPresent());
        assertTrue(schema.metric(OrderTelemetry.ORDERS_REJECTED).isPresent());
    }

    /** The semantic-convention constants the schema names exist in the semconv jars on this classpath, as named. */
    @Test
    void semanticConventionKeysAreTheSemconvConstants() {
        assertEquals(List.of(), schema.semconvMismatches());
    }
}
