package dev.reactivetracing.order.client;

import java.net.ConnectException;
import java.net.UnknownHostException;

import dev.reactivetracing.commons.errors.Causes;

/** No answer from inventory-service: connection refused, reset or closed. */
class InventoryUnreachableException extends TransientInventoryException {

    InventoryUnreachableException(Throwable cause) {
        super("inventory-service unreachable: " + cause, cause);
    }

    /** Not if the connection could not even be made: then nothing was sent. A reset or closed one may have been. */
    @Override
    boolean mayHaveReachedInventory() {
        return !Causes.causedBy(this, ConnectException.class) && !Causes.causedBy(this, UnknownHostException.class);
    }
}
