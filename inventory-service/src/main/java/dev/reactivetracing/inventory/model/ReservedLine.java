package dev.reactivetracing.inventory.model;

/** A product held by a reservation, at the price it had when it was reserved. */
public record ReservedLine(String productId, int quantity, long unitPriceCents) {
}
