package dev.reactivetracing.order.rest.dto;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.reactivetracing.commons.validation.DistinctProducts;
import dev.reactivetracing.commons.validation.ProductLine;
import dev.reactivetracing.order.model.NewOrder;
import dev.reactivetracing.order.model.RequestedItem;

/** No prices: the total is computed from what inventory-service charges, never taken from the client. */
public record CreateOrderRequest(
        @NotNull UUID customerId,
        @NotNull @Size(min = 1, max = ProductLine.MAX_LINES) @DistinctProducts List<@NotNull @Valid Item> items) {

    public record Item(
            @NotNull @Pattern(regexp = ProductLine.PRODUCT_ID_PATTERN, message = "must look like SKU-1001") String productId,
            @NotNull @Min(ProductLine.MIN_QUANTITY) @Max(ProductLine.MAX_QUANTITY) Integer quantity)
            implements ProductLine {
    }

    public NewOrder toNewOrder() {
        return new NewOrder(customerId, items.stream()
                .map(item -> new RequestedItem(item.productId(), item.quantity()))
                .toList());
    }
}
