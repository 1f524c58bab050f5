package dev.reactivetracing.order.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.reactivetracing.order.model.Order;
import dev.reactivetracing.order.model.OrderStatus;

/** An order as clients see it (the reservation id stays between the services). */
public record OrderView(UUID id, UUID customerId, OrderStatus status, long totalCents, List<ItemView> items,
        OffsetDateTime createdAt) {

    public record ItemView(String productId, int quantity, long unitPriceCents, long lineTotalCents) {
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.customerId(), order.status(), order.totalCents(),
                order.items().stream()
                        .map(item -> new ItemView(item.productId(), item.quantity(), item.unitPriceCents(),
                                item.lineTotalCents()))
                        .toList(),
                order.createdAt());
    }
}
