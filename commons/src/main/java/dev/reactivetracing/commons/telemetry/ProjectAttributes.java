package dev.reactivetracing.commons.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * This project's own attribute keys that more than one module sets, all under {@value #NAMESPACE}: where the
 * semantic conventions define a key, the code uses its {@code io.opentelemetry.semconv} constant instead, and a key of
 * this project never goes into a namespace the conventions own ({@code db.*}, {@code exception.*},
 * {@code messaging.*} ...). Keys only one service sets live in that service's telemetry package. Every key is listed,
 * with its type and allowed values, in {@code telemetry-schema/telemetry.yaml}, which the trace tests check exported
 * spans against.
 */
public final class ProjectAttributes {

    public static final String NAMESPACE = "reactivetracing.";

    /** The order a span works for: an opaque id (order-service makes UUIDs), never anything about the customer. */
    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("reactivetracing.order.id");
    /** How many lines the order (or its reservation, which has the same lines) has: 1..100. */
    public static final AttributeKey<Long> ORDER_ITEM_COUNT = AttributeKey.longKey("reactivetracing.order.item_count");
    /**
     * Why a request was refused (4xx, not an error): a short, bounded token such as {@code insufficient_stock}; on
     * {@code orders.rejected}, also the reason of a failure ({@code inventory_unavailable}, {@code internal_error}).
     */
    public static final AttributeKey<String> REJECTION_REASON = AttributeKey
            .stringKey("reactivetracing.rejection_reason");
    /** On the {@code exception} event: each cause of the failure as {@code Type: message}, outermost first. */
    public static final AttributeKey<String> EXCEPTION_CAUSE_CHAIN = AttributeKey
            .stringKey("reactivetracing.exception.cause_chain");
    /** On the entry span of a trace a caller forced ({@code x-force-trace: true}): tail sampling keeps these. */
    public static final AttributeKey<Boolean> SAMPLING_FORCED = AttributeKey
            .booleanKey("reactivetracing.sampling.forced");
    /** Which delivery attempt of an outbox event this is (1 for the first); more than 1: earlier attempts failed. */
    public static final AttributeKey<Long> OUTBOX_DELIVERY_ATTEMPT = AttributeKey
            .longKey("reactivetracing.outbox.delivery_attempt");
    /**
     * Rows a write (INSERT, UPDATE, DELETE) changed, as the driver reports them. Rows a query returned are the
     * conventions' {@code db.response.returned_rows}; the conventions have no key for rows affected.
     */
    public static final AttributeKey<Long> DB_AFFECTED_ROWS = AttributeKey.longKey("reactivetracing.db.affected_rows");

    private ProjectAttributes() {
    }
}
