package dev.reactivetracing.order.client;

/** inventory-service answered 5xx. */
public class InventoryServerErrorException extends TransientInventoryException {

    public InventoryServerErrorException(int status) {
        super("inventory-service answered HTTP " + status, null);
    }
}
