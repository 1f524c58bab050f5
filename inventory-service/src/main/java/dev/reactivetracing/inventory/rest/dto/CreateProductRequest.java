package dev.reactivetracing.inventory.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.reactivetracing.commons.validation.PlainText;
import dev.reactivetracing.commons.validation.ProductLine;

public record CreateProductRequest(
        @NotNull @Pattern(regexp = ProductLine.PRODUCT_ID_PATTERN, message = "must look like SKU-1001") String id,
        @NotBlank @Size(max = 200) @PlainText String name,
        @NotNull @PositiveOrZero @Max(10_000_000_00L) Long priceCents,
        @NotNull @PositiveOrZero @Max(1_000_000_000) Integer stock) {
}
