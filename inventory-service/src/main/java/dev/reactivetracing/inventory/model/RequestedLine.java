package dev.reactivetracing.inventory.model;

public record RequestedLine(String productId, int quantity) {
}
