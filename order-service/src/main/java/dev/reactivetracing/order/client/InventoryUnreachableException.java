package dev.reactivetracing.order.client;

/** No answer from inventory-service: connection refused, reset or closed. */
public class InventoryUnreachableException extends TransientInventoryException {

    public InventoryUnreachableException(Throwable cause) {
        super("inventory-service unreachable: " + cause, cause);
    }
}
