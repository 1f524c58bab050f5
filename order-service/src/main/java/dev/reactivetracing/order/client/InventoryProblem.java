package dev.reactivetracing.order.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.reactivetracing.order.service.InsufficientStockException.ShortProduct;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The parts of inventory-service's problem+json answers that order-service passes on. Registered for reflection: it
 * is read with {@code readEntity} in an exception mapper, where Quarkus cannot find it for the native image.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventoryProblem(String type, String title, Integer status, String detail,
        List<ShortProduct> shortProducts, List<String> unknownProductIds) {
}
