package dev.reactivetracing.inventory.service;

/** A product a reservation wanted more of than there is. */
public record ShortProduct(String productId, int requested, int available) {
}
