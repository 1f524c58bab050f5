package dev.reactivetracing.order.model;

import java.util.UUID;

/**
 * The {@code order.created} event. Only ids and amounts: whoever receives it can ask for more, and nothing personal
 * sits in the outbox or travels with the event.
 */
public record OrderCreatedEvent(UUID eventId, UUID orderId, UUID customerId, UUID reservationId, long totalCents,
        int itemCount) {

    public static final String TYPE = "order.created";
}
