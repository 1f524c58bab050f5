package dev.reactivetracing.inventory.rest.dto;

import java.util.UUID;

import dev.reactivetracing.inventory.service.ReservationStatus;

public record OrderEventResult(UUID eventId, UUID reservationId, ReservationStatus reservationStatus) {
}
