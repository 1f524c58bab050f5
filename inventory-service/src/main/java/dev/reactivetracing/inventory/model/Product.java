package dev.reactivetracing.inventory.model;

public record Product(String id, String name, long priceCents, int stock) {
}
