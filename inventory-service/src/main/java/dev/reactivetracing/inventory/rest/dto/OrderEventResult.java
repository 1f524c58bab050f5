package dev.reactivetracing.inventory.rest.dto;

import java.util.UUID;

import dev.reactivetracing.inventory.model.ReservationStatus;

public record OrderEventResult(UUID eventId, UUID reservationId, ReservationStatus reservationStatus) {
}
