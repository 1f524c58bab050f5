package dev.reactivetracing.order.client;

import java.time.Duration;

/** One attempt had no answer within its time limit and was cancelled; the request may still have arrived. */
class InventoryTimeoutException extends TransientInventoryException {

    InventoryTimeoutException(Duration limit) {
        super("inventory-service did not answer within " + limit.toMillis() + " ms", null);
    }

    InventoryTimeoutException(Throwable httpClientTimeout) {
        super("inventory-service did not answer in time: " + httpClientTimeout, httpClientTimeout);
    }

    @Override
    boolean mayHaveReachedInventory() {
        return true;
    }
}
