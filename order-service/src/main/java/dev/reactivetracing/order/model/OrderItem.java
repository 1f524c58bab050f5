package dev.reactivetracing.order.model;

/** A line of an order, at the price inventory-service reserved it for. */
public record OrderItem(String productId, int quantity, long unitPriceCents) {

    public long lineTotalCents() {
        return Math.multiplyExact(unitPriceCents, (long) quantity);
    }
}
