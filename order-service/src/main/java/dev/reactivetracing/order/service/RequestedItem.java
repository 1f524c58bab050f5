package dev.reactivetracing.order.service;

public record RequestedItem(String productId, int quantity) {
}
