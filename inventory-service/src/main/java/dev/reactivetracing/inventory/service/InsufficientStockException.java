package dev.reactivetracing.inventory.service;

import java.util.List;
import java.util.Map;

import dev.reactivetracing.commons.contract.InventoryProblemTypes;
import dev.reactivetracing.commons.problem.ProblemException;
import dev.reactivetracing.inventory.model.ShortProduct;

public class InsufficientStockException extends ProblemException {

    public InsufficientStockException(List<ShortProduct> shortProducts) {
        super(409, InventoryProblemTypes.INSUFFICIENT_STOCK, "Insufficient stock",
                "Not enough stock for " + shortProducts.size() + " of the requested products.", "insufficient_stock",
                List.of(), Map.of("short_products", shortProducts), null);
    }
}
