package dev.reactivetracing.order.model;

public enum OrderStatus {
    CREATED,
    CANCELLED
}
