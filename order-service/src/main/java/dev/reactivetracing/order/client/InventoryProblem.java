package dev.reactivetracing.order.client;

import java.util.List;

import dev.reactivetracing.order.service.InsufficientStockException.ShortProduct;

/** The parts of inventory-service's problem+json answers that order-service passes on. */
public record InventoryProblem(String type, String title, Integer status, String detail,
        List<ShortProduct> shortProducts, List<String> unknownProductIds) {
}
