package dev.reactivetracing.inventory.rest.dto;

import java.util.List;

import dev.reactivetracing.inventory.service.Product;

public record ProductPage(List<Product> products, int page, int size) {
}
