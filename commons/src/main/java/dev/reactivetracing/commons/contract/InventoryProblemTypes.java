package dev.reactivetracing.commons.contract;

/**
 * The problem types (slugs after {@code ProblemTypes.BASE}) inventory-service answers with and order-service acts on:
 * one spelling for both sides of the contract.
 */
public final class InventoryProblemTypes {

    /** 409: some products are short; {@code short_products} lists each with {@code requested} and {@code available}. */
    public static final String INSUFFICIENT_STOCK = "insufficient-stock";
    /** 422: {@code unknown_product_ids} lists ids the catalog does not have. */
    public static final String UNKNOWN_PRODUCT = "unknown-product";
    /** 409 to an {@code order.created}: the reservation expired before it and its stock is gone. */
    public static final String RESERVATION_EXPIRED = "reservation-expired";
    /** 409: the order's reservation was released (or expired) and takes no stock any more. */
    public static final String RESERVATION_CLOSED = "reservation-closed";
    /** 422: the order already has a reservation with other items. */
    public static final String RESERVATION_MISMATCH = "reservation-mismatch";

    private InventoryProblemTypes() {
    }
}
