package dev.reactivetracing.order.client;

/** inventory-service answered 5xx: it received the request. */
class InventoryServerErrorException extends TransientInventoryException {

    InventoryServerErrorException(int status) {
        super("inventory-service answered HTTP " + status, null);
    }

    @Override
    boolean mayHaveReachedInventory() {
        return true;
    }
}
