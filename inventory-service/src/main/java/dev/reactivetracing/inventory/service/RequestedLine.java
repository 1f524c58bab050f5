package dev.reactivetracing.inventory.service;

public record RequestedLine(String productId, int quantity) {
}
