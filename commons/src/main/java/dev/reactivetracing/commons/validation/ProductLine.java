package dev.reactivetracing.commons.validation;

/** A line of a request that names a product and how many of it: order items, reservation items. */
public interface ProductLine {

    /** The pattern of a product id (SKU), e.g. {@code SKU-1001}. */
    String PRODUCT_ID_PATTERN = "[A-Z0-9][A-Z0-9-]{0,31}";
    int MIN_QUANTITY = 1;
    int MAX_QUANTITY = 1000;
    int MAX_LINES = 100;

    String productId();

    Integer quantity();
}
