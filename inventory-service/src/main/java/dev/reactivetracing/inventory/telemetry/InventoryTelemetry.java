package dev.reactivetracing.inventory.telemetry;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.telemetry.OutboxMessaging;
import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.commons.telemetry.ReactiveSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;

/**
 * Every span and attribute name inventory-service adds to what the OpenTelemetry extension traces by itself (HTTP
 * server spans) and what {@code TracedSql} adds (SQL client spans). Attributes both services set are in
 * {@link ProjectAttributes} (the order id, the order's line count, the rejection reason); all are under
 * {@code reactivetracing.} and listed in {@code telemetry-schema/telemetry.yaml}, which the trace tests check every
 * exported span against.
 */
@ApplicationScoped
public class InventoryTelemetry {

    /** Taking stock for an order: one transaction, its SQL spans as children. */
    public static final String RESERVE_STOCK = "reserve_stock";

    /** Handling an order.created event (delivered by order-service's outbox relay): confirms the reservation. */
    public static final String PROCESS_ORDER_CREATED = OutboxMessaging.spanName(OutboxMessaging.PROCESS,
            OutboxMessaging.ORDER_CREATED);
    /** Giving back the stock of reservations nobody confirmed in time; a root span, only when some expired. */
    public static final String EXPIRE_RESERVATIONS = "expire_reservations";

    /** How many reservations one expiry run gave back. */
    public static final AttributeKey<Long> EXPIRED_COUNT = AttributeKey
            .longKey("reactivetracing.reservation.expired_count");

    private final ReactiveSpans spans;

    public InventoryTelemetry(ReactiveSpans spans) {
        this.spans = spans;
    }

    public <T> Uni<T> reserveStock(String orderId, int itemCount, Supplier<Uni<T>> reservation) {
        return spans.inSpan(RESERVE_STOCK, span -> {
            span.setAttribute(ProjectAttributes.ORDER_ID, orderId);
            span.setAttribute(ProjectAttributes.ORDER_ITEM_COUNT, (long) itemCount);
            return reservation.get();
        });
    }

    /** A CONSUMER span continuing the trace of the request that created the order (via the relay's HTTP call). */
    public <T> Uni<T> processOrderCreated(UUID eventId, String orderId, Supplier<Uni<T>> processing) {
        return spans.inSpan(PROCESS_ORDER_CREATED, SpanKind.CONSUMER, span -> {
            span.setAttribute(ProjectAttributes.ORDER_ID, orderId);
            OutboxMessaging.describeOrderCreated(span, OutboxMessaging.PROCESS, eventId);
            return processing.get();
        });
    }

    public Uni<Integer> expireReservations(Supplier<Uni<Integer>> expiry) {
        return spans.inSpan(EXPIRE_RESERVATIONS, span -> expiry.get()
                .invoke(expired -> span.setAttribute(EXPIRED_COUNT, (long) expired)));
    }
}
