package dev.reactivetracing.order.service;

import dev.reactivetracing.commons.problem.ProblemException;

public class CustomerConflictException extends ProblemException {

    private CustomerConflictException(String typeSlug, String title, String detail, String reason) {
        super(409, typeSlug, title, detail, reason);
    }

    public static CustomerConflictException emailTaken() {
        // The address is not repeated: problem details end up in logs.
        return new CustomerConflictException("email-taken", "E-mail already registered",
                "A customer with this e-mail address exists.", "email_taken");
    }

    public static CustomerConflictException hasOrders() {
        return new CustomerConflictException("customer-has-orders", "Customer has orders",
                "A customer with orders cannot be deleted.", "customer_has_orders");
    }
}
