package dev.reactivetracing.inventory.rest.dto;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.reactivetracing.commons.validation.DistinctProducts;
import dev.reactivetracing.commons.validation.ProductLine;

public record ReservationRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1 to 64 letters, digits or ._:-") String orderId,
        @NotNull @Size(min = 1, max = ProductLine.MAX_LINES) @DistinctProducts List<@NotNull @Valid Line> items) {

    public record Line(
            @NotNull @Pattern(regexp = ProductLine.PRODUCT_ID_PATTERN, message = "must look like SKU-1001") String productId,
            @NotNull @Min(ProductLine.MIN_QUANTITY) @Max(ProductLine.MAX_QUANTITY) Integer quantity)
            implements ProductLine {
    }
}
