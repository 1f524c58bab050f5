package dev.reactivetracing.inventory.service;

import java.util.List;
import java.util.Map;

import dev.reactivetracing.commons.contract.InventoryProblemTypes;
import dev.reactivetracing.commons.problem.ProblemException;

public class UnknownProductsException extends ProblemException {

    public UnknownProductsException(List<String> unknownProductIds) {
        super(422, InventoryProblemTypes.UNKNOWN_PRODUCT, "Unknown product",
                "The catalog has no product with " + unknownProductIds.size() + " of the requested ids.",
                "unknown_product", List.of(), Map.of("unknown_product_ids", unknownProductIds), null);
    }
}
