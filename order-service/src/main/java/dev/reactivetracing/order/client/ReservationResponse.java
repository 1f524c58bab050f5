package dev.reactivetracing.order.client;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** inventory-service's reservation: what it holds for the order, at which unit prices. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReservationResponse(UUID id, String orderId, String status, List<ReservedItem> items) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReservedItem(String productId, int quantity, long unitPriceCents) {
    }
}
