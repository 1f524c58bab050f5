package dev.reactivetracing.order.client;

import java.util.List;

/** Body of inventory-service's {@code POST /api/inventory/reservations}. */
public record ReservationRequest(String orderId, List<Line> items) {

    public record Line(String productId, int quantity) {
    }
}
