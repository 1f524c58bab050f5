package dev.reactivetracing.order.client;

import java.util.List;

/**
 * inventory-service answered a request with a 4xx: it refused it, and the same request would be refused again. The
 * problem it answered with says why.
 */
public class InventoryRefusedException extends RuntimeException {

    private final int status;
    private final InventoryProblem problem;

    InventoryRefusedException(int status, InventoryProblem problem) {
        super("inventory-service refused a request with HTTP " + status
                + (problem.type() == null ? "" : " (" + problem.type() + ")"), null, true, false);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    /** The problem's type, e.g. {@code insufficient-stock}; null if the answer was not one of its problems. */
    public String problemType() {
        return problem.typeSlug();
    }

    public List<InventoryProblem.ShortProduct> shortProducts() {
        return problem.shortProducts() == null ? List.of() : problem.shortProducts();
    }

    public List<String> unknownProductIds() {
        return problem.unknownProductIds() == null ? List.of() : problem.unknownProductIds();
    }
}
