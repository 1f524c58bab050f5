package dev.reactivetracing.order.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.reactivetracing.commons.contract.InventoryProblemTypes;
import dev.reactivetracing.commons.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** inventory-service could not hold every item: the order is refused as a whole. */
public class InsufficientStockException extends ProblemException {

    public InsufficientStockException(List<ShortProduct> shortProducts) {
        super(409, InventoryProblemTypes.INSUFFICIENT_STOCK, "Insufficient stock",
                "Not enough stock for " + shortProducts.size() + " of the ordered products.", "insufficient_stock",
                List.of(), Map.of("short_products", shortProducts), null);
    }

    // Serialized inside a Map (the problem's extension members): the native image must be told.
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ShortProduct(String productId, int requested, int available) {
    }
}
