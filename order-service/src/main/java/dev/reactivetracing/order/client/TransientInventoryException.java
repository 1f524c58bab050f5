package dev.reactivetracing.order.client;

/**
 * A failure of one attempt that another attempt may not meet: no answer in time, 5xx, or a refused, reset or closed
 * connection. Retried; if the whole call fails with one, it counts for the circuit breaker.
 */
abstract class TransientInventoryException extends RuntimeException {

    protected TransientInventoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether inventory-service may have received the request (and so may hold stock for it). */
    abstract boolean mayHaveReachedInventory();
}
