package dev.reactivetracing.order.model;

/** An order and whether this request created it (false: an Idempotency-Key replay). */
public record OrderOutcome(Order order, boolean replayed) {
}
