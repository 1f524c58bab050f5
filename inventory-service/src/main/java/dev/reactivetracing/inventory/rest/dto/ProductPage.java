package dev.reactivetracing.inventory.rest.dto;

import java.util.List;

import dev.reactivetracing.inventory.model.Product;

public record ProductPage(List<Product> products, int page, int size) {
}
