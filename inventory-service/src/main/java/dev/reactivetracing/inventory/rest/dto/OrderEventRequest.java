package dev.reactivetracing.inventory.rest.dto;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An event from order-service's outbox. Only ids: the event says what happened, not to whom. */
public record OrderEventRequest(
        @NotNull UUID eventId,
        @NotNull String eventType,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String orderId,
        @NotNull UUID reservationId) {
}
