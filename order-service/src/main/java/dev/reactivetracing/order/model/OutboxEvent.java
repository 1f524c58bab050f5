package dev.reactivetracing.order.model;

import java.util.Map;
import java.util.UUID;

/**
 * An event claimed from the outbox for delivery, with the W3C trace context (traceparent, tracestate) of the span
 * that wrote it and the number of this delivery attempt.
 */
public record OutboxEvent(long id, UUID eventId, String eventType, UUID orderId, UUID reservationId,
        Map<String, String> traceContext, int attempt) {
}
