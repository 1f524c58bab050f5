package dev.reactivetracing.order.rest.dto;

import java.util.List;

public record OrderPage(List<OrderView> orders, int page, int size) {
}
