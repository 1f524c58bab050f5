package dev.reactivetracing.order.client;

import java.util.List;
import java.util.UUID;

/** inventory-service's reservation: what it holds for the order, at which unit prices. */
public record ReservationResponse(UUID id, String orderId, String status, List<ReservedItem> items) {

    public record ReservedItem(String productId, int quantity, long unitPriceCents) {
    }
}
