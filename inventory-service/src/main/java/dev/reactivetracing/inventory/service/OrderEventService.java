package dev.reactivetracing.inventory.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.inventory.model.ReservationStatus;
import dev.reactivetracing.inventory.telemetry.InventoryTelemetry;
import io.smallrye.mutiny.Uni;

/** Events order-service publishes through its outbox, delivered here at least once. */
@ApplicationScoped
public class OrderEventService {

    private final ReservationService reservations;
    private final InventoryTelemetry telemetry;

    public OrderEventService(ReservationService reservations, InventoryTelemetry telemetry) {
        this.reservations = reservations;
        this.telemetry = telemetry;
    }

    /** order.created: the reserved stock is sold. Returns the reservation's status after handling. */
    public Uni<ReservationStatus> orderCreated(UUID eventId, String orderId, UUID reservationId) {
        return telemetry.processOrderCreated(eventId, orderId,
                () -> reservations.confirm(reservationId, orderId));
    }
}
