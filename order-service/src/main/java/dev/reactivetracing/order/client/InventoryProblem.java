package dev.reactivetracing.order.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.reactivetracing.commons.problem.ProblemTypes;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The parts of inventory-service's problem+json answers that order-service uses. Registered for reflection: it is
 * read with {@code readEntity} in an exception mapper, where Quarkus cannot find it for the native image.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventoryProblem(String type, String title, Integer status, String detail,
        List<ShortProduct> shortProducts, List<String> unknownProductIds) {

    static final InventoryProblem NONE = new InventoryProblem(null, null, null, null, null, null);

    /** The type's slug ({@code insufficient-stock}), or null for a type that is not one of this system's. */
    String typeSlug() {
        return ProblemTypes.slugOf(type);
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ShortProduct(String productId, int requested, int available) {
    }
}
