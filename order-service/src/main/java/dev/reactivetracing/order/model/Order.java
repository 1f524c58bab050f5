package dev.reactivetracing.order.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record Order(UUID id, UUID customerId, OrderStatus status, long totalCents, UUID reservationId,
        List<OrderItem> items, OffsetDateTime createdAt) {

    /** The total is the sum of what inventory-service priced, never a number the client sent. */
    public static long totalOf(List<OrderItem> items) {
        long total = 0;
        for (OrderItem item : items) {
            total = Math.addExact(total, item.lineTotalCents());
        }
        return total;
    }

    public Order withStatus(OrderStatus newStatus) {
        return new Order(id, customerId, newStatus, totalCents, reservationId, items, createdAt);
    }
}
