package dev.reactivetracing.order.client;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * A call to inventory-service failed as a whole: every attempt failed in a way another one might not have, or the
 * circuit was open and nothing was sent. Its cause is the last failure. It keeps every attempt's failure, because
 * whether stock may be held depends on all of them, not on the last: an attempt that timed out may have reserved
 * although the retry after it found the circuit open or the connection refused.
 */
public class InventoryCallFailedException extends RuntimeException {

    private final List<Throwable> attemptFailures;

    InventoryCallFailedException(Throwable lastFailure, List<Throwable> attemptFailures) {
        super("inventory-service call failed after " + attemptFailures.size() + " attempt(s): " + lastFailure,
                lastFailure);
        this.attemptFailures = List.copyOf(attemptFailures);
    }

    /** The failure of each attempt that was made, in order; none if the circuit was open. */
    public List<Throwable> attemptFailures() {
        return attemptFailures;
    }

    /** Whether any attempt may have reached inventory-service, so that it may hold stock for the order. */
    public boolean mayHaveReachedInventory() {
        return attemptFailures.stream().anyMatch(failure -> !(failure instanceof TransientInventoryException transientFailure)
                || transientFailure.mayHaveReachedInventory());
    }

    /** Nothing was sent: the circuit breaker was open. */
    public boolean circuitOpen() {
        return getCause() instanceof CircuitBreakerOpenException;
    }
}
