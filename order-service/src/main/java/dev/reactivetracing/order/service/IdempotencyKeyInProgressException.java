package dev.reactivetracing.order.service;

import dev.reactivetracing.commons.problem.ProblemException;

/** Another request with the same Idempotency-Key is still creating its order (the draft's 409). */
public class IdempotencyKeyInProgressException extends ProblemException {

    public IdempotencyKeyInProgressException() {
        super(409, "idempotency-key-in-progress", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry shortly to get its result.",
                "idempotency_key_in_progress");
    }
}
