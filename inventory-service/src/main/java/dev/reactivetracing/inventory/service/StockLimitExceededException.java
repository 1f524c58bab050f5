package dev.reactivetracing.inventory.service;

import dev.reactivetracing.commons.problem.ProblemException;

public class StockLimitExceededException extends ProblemException {

    public StockLimitExceededException(String productId, int maximumStock) {
        super(422, "stock-limit", "Stock limit exceeded",
                "Adding this quantity would take the stock of '" + productId + "' over " + maximumStock + ".",
                "stock_limit");
    }
}
