package dev.reactivetracing.inventory.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.testing.schema.TelemetrySchema;

/** inventory-service's telemetry constants and telemetry-schema/telemetry.yaml say the same. */
class TelemetrySchemaTest {

    private final TelemetrySchema schema = TelemetrySchema.load();

    @Test
    void everyAttributeKeyInTheCodeIsInTheSchemaWithItsType() {
        assertEquals(List.of(), schema.undeclaredKeysIn(ProjectAttributes.class, InventoryTelemetry.class));
    }

    @Test
    void everySpanNameInTheCodeIsInTheSchema() {
        for (String name : List.of(InventoryTelemetry.RESERVE_STOCK, InventoryTelemetry.PROCESS_ORDER_CREATED,
                InventoryTelemetry.EXPIRE_RESERVATIONS)) {
            assertTrue(schema.spans().stream().anyMatch(span -> span.service().equals("inventory-service")
                    && span.names().contains(name)), name);
        }
    }

    @Test
    void semanticConventionKeysAreTheSemconvConstants() {
        assertEquals(List.of(), schema.semconvMismatches());
    }
}
