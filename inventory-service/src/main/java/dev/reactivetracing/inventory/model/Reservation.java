package dev.reactivetracing.inventory.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record Reservation(UUID id, String orderId, ReservationStatus status, OffsetDateTime expiresAt,
        List<ReservedLine> items) {
}
