package dev.reactivetracing.inventory.service;

public record Product(String id, String name, long priceCents, int stock) {
}
