package dev.reactivetracing.order.client;

import java.util.UUID;

/** Body of inventory-service's {@code POST /api/inventory/events}. */
public record OrderEventDelivery(UUID eventId, String eventType, String orderId, UUID reservationId) {
}
