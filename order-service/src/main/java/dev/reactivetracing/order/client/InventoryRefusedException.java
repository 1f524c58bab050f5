package dev.reactivetracing.order.client;

/**
 * inventory-service answered a request with a 4xx the client has no more specific exception for: it refused it,
 * and the same request will be refused again.
 */
public class InventoryRefusedException extends RuntimeException {

    public InventoryRefusedException(int status) {
        super("inventory-service refused a request with HTTP " + status);
    }
}
