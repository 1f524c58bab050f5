package dev.reactivetracing.inventory.rest.dto;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.reactivetracing.commons.validation.ProductLine;

public record StockCheckRequest(
        @NotNull @Size(min = 1, max = ProductLine.MAX_LINES)
        List<@NotNull @Pattern(regexp = ProductLine.PRODUCT_ID_PATTERN, message = "must look like SKU-1001") String> productIds) {
}
