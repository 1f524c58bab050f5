package dev.reactivetracing.order.model;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Customer(UUID id, String name, String email, OffsetDateTime createdAt) {
}
