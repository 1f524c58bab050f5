package dev.reactivetracing.order.model;

public record RequestedItem(String productId, int quantity) {
}
