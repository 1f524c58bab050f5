package dev.reactivetracing.order.service;

import java.util.UUID;

import dev.reactivetracing.commons.problem.ProblemException;

public class UnknownCustomerException extends ProblemException {

    public UnknownCustomerException(UUID customerId) {
        super(422, "unknown-customer", "Unknown customer", "Customer '" + customerId + "' does not exist.",
                "unknown_customer");
    }
}
