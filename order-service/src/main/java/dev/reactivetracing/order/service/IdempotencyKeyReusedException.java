package dev.reactivetracing.order.service;

import dev.reactivetracing.commons.problem.ProblemException;

public class IdempotencyKeyReusedException extends ProblemException {

    public IdempotencyKeyReusedException() {
        super(422, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request; use a new key for a new order.",
                "idempotency_key_reused");
    }
}
