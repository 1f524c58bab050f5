package dev.reactivetracing.order.service;

public enum OrderStatus {
    CREATED,
    CANCELLED
}
