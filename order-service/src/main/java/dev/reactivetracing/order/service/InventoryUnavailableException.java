package dev.reactivetracing.order.service;

import java.util.List;
import java.util.Map;

import dev.reactivetracing.commons.problem.ProblemException;

/**
 * inventory-service did not answer usefully in time: down, slow, failing, or its circuit is open. The cause says
 * which; it is recorded on the spans, never shown to the client.
 */
public class InventoryUnavailableException extends ProblemException {

    public InventoryUnavailableException(Throwable cause) {
        super(503, "inventory-unavailable", "Inventory unavailable",
                "Stock could not be checked right now; nothing was ordered. Retry later.", "inventory_unavailable",
                List.of(), Map.of(), cause);
    }
}
