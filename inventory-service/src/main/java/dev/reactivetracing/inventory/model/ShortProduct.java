package dev.reactivetracing.inventory.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A product a reservation wanted more of than there is. Registered for reflection: it is serialized from a problem's
 * extension map, where Quarkus cannot find it for the native image.
 */
@RegisterForReflection
public record ShortProduct(String productId, int requested, int available) {
}
