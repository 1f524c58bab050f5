package dev.reactivetracing.inventory.service;

import dev.reactivetracing.commons.problem.ProblemException;

public class ProductAlreadyExistsException extends ProblemException {

    public ProductAlreadyExistsException(String productId) {
        super(409, "product-exists", "Product already exists", "Product '" + productId + "' already exists.",
                "product_exists");
    }
}
