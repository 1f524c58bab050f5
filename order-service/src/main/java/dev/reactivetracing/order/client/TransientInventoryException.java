package dev.reactivetracing.order.client;

/**
 * A failure of inventory-service (or the way to it) that another attempt may not meet: retried, counted by the circuit
 * breaker, and a 503 if it persists.
 */
public abstract class TransientInventoryException extends RuntimeException {

    protected TransientInventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
