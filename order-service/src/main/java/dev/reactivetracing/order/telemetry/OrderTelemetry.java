package dev.reactivetracing.order.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.problem.ProblemException;
import dev.reactivetracing.commons.sql.DatabaseUnavailableException;
import dev.reactivetracing.commons.telemetry.CallerTrust;
import dev.reactivetracing.commons.telemetry.MapCarrier;
import dev.reactivetracing.commons.telemetry.OutboxMessaging;
import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.commons.telemetry.ReactiveSpans;
import dev.reactivetracing.order.model.Order;
import dev.reactivetracing.order.model.OrderCreatedEvent;
import dev.reactivetracing.order.model.OrderOutcome;
import dev.reactivetracing.order.model.OutboxEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Every span and attribute name order-service adds to what the OpenTelemetry extension traces by itself (HTTP server
 * and REST client spans) and what {@code TracedSql} adds (SQL spans). Attributes both services set are in
 * {@link ProjectAttributes}; those only order-service sets are here; all are under {@code reactivetracing.} and listed
 * in {@code telemetry-schema/telemetry.yaml}, which the trace tests check every exported span against. Attributes carry
 * ids and amounts only: never a customer's name or e-mail, never a list of products.
 */
@ApplicationScoped
public class OrderTelemetry {

    /** The whole use case: validate, reserve, save, publish. */
    public static final String CREATE_ORDER = "create_order";
    /** Reserving stock at inventory-service, all retries included; the REST client's CLIENT spans are its children. */
    public static final String CHECK_INVENTORY = "check_inventory";
    /** Inserting the order and its items; part of the transaction that publish_event also writes in. */
    public static final String SAVE_ORDER = "save_order";
    /** Writing order.created to the outbox, in the same transaction; delivery continues this span's trace. */
    public static final String PUBLISH_EVENT = "publish_event";
    /** The relay delivering an outbox event: a child of the publish_event span that wrote it. */
    public static final String SEND_ORDER_CREATED = OutboxMessaging.spanName(OutboxMessaging.SEND,
            OutboxMessaging.ORDER_CREATED);

    /**
     * Giving back the stock of orders that will not exist (attempts of dead instances, failed releases): a root span,
     * only when a sweep finds some.
     */
    public static final String RELEASE_ABANDONED_ORDERS = "release_abandoned_orders";

    /** How many abandoned orders one sweep gave back. */
    public static final AttributeKey<Long> ABANDONED_COUNT = AttributeKey
            .longKey("reactivetracing.order.abandoned_count");
    /** The customer's opaque id (a UUID): never a name or an e-mail address. */
    public static final AttributeKey<String> CUSTOMER_ID = AttributeKey.stringKey("reactivetracing.customer.id");
    public static final AttributeKey<Long> ORDER_TOTAL_CENTS = AttributeKey
            .longKey("reactivetracing.order.total_cents");
    /** Set (true) when an Idempotency-Key replay returned an existing order instead of creating one. */
    public static final AttributeKey<Boolean> ORDER_IDEMPOTENT_REPLAY = AttributeKey
            .booleanKey("reactivetracing.order.idempotent_replay");

    /** Metric: orders created (replays excluded). */
    public static final String ORDERS_CREATED = "orders.created";
    /**
     * Metric: orders not created, by {@code reactivetracing.rejection_reason} (business refusals, inventory
     * unavailable...).
     */
    public static final String ORDERS_REJECTED = "orders.rejected";
    /** The reason counted for a failure that is not a refusal with a reason of its own. */
    public static final String INTERNAL_ERROR = "internal_error";

    private final ReactiveSpans spans;
    private final LongCounter ordersCreated;
    private final LongCounter ordersRejected;

    public OrderTelemetry(ReactiveSpans spans, Meter meter) {
        this.spans = spans;
        this.ordersCreated = meter.counterBuilder(ORDERS_CREATED).setUnit("{order}")
                .setDescription("Orders created.").build();
        this.ordersRejected = meter.counterBuilder(ORDERS_REJECTED).setUnit("{order}")
                .setDescription("Orders refused or failed, by reason.").build();
    }

    public Uni<OrderOutcome> createOrder(UUID customerId, int itemCount, Supplier<Uni<OrderOutcome>> useCase) {
        return spans.inSpan(CREATE_ORDER, span -> {
            span.setAttribute(CUSTOMER_ID, customerId.toString());
            span.setAttribute(ProjectAttributes.ORDER_ITEM_COUNT, (long) itemCount);
            // Counted while the span is current, so that sampled points get the trace as exemplar.
            return useCase.get()
                    .invoke(outcome -> {
                        describe(span, outcome.order());
                        if (outcome.replayed()) {
                            span.setAttribute(ORDER_IDEMPOTENT_REPLAY, true);
                        } else {
                            ordersCreated.add(1);
                        }
                    })
                    .onFailure().invoke(failure -> ordersRejected.add(1,
                            Attributes.of(ProjectAttributes.REJECTION_REASON, rejectionReason(failure))));
        });
    }

    private static String rejectionReason(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.rejectionReason();
        }
        return DatabaseUnavailableException.isCause(failure) ? DatabaseUnavailableException.REASON : INTERNAL_ERROR;
    }

    /** Puts the order id on the current span (create_order) as soon as it exists, so that failures carry it too. */
    public void orderIdAssigned(UUID orderId) {
        Span.current().setAttribute(ProjectAttributes.ORDER_ID, orderId.toString());
    }

    /** {@code circuitState}: the reservation breaker's state as the order asks (closed, open, half_open). */
    public <T> Uni<T> checkInventory(UUID orderId, int itemCount, String circuitState, Supplier<Uni<T>> reservation) {
        return spans.inSpan(CHECK_INVENTORY, span -> {
            span.setAttribute(ProjectAttributes.ORDER_ID, orderId.toString());
            span.setAttribute(ProjectAttributes.ORDER_ITEM_COUNT, (long) itemCount);
            span.setAttribute(CircuitBreakerTelemetry.STATE, circuitState);
            return reservation.get();
        });
    }

    public <T> Uni<T> saveOrder(Order order, Supplier<Uni<T>> save) {
        return spans.inSpan(SAVE_ORDER, span -> {
            describe(span, order);
            return save.get();
        });
    }

    /**
     * Runs the outbox write inside a PRODUCER span and hands it the W3C trace context (traceparent, tracestate) of
     * that span, to be stored with the event.
     */
    public <T> Uni<T> publishEvent(OrderCreatedEvent event, Function<Map<String, String>, Uni<T>> writeToOutbox) {
        return spans.inSpan(PUBLISH_EVENT, SpanKind.PRODUCER, span -> {
            span.setAttribute(ProjectAttributes.ORDER_ID, event.orderId().toString());
            OutboxMessaging.describeOrderCreated(span, OutboxMessaging.CREATE, event.eventId());
            Map<String, String> traceContext = new HashMap<>();
            W3CTraceContextPropagator.getInstance().inject(Context.current(), traceContext, Map::put);
            return writeToOutbox.apply(traceContext);
        });
    }

    /**
     * The relay's delivery of an event, in a PRODUCER span whose parent is the publish_event span that wrote it (its
     * context travels in the outbox row). A child rather than a link: one event, one delivery, and a person asking
     * "what happened to my order" wants it in the order's trace; the parent's sampled flag decides for it too, so an
     * unsampled order gives no orphan delivery traces.
     */
    public <T> Uni<T> sendEvent(OutboxEvent event, Supplier<Uni<T>> delivery) {
        Context written = CallerTrust.ownEarlierContext(W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), event.traceContext(), MapCarrier.GETTER));
        return spans.inSpan(SEND_ORDER_CREATED, SpanKind.PRODUCER, written, span -> {
            span.setAttribute(ProjectAttributes.ORDER_ID, event.orderId().toString());
            OutboxMessaging.describeOrderCreated(span, OutboxMessaging.SEND, event.eventId());
            span.setAttribute(ProjectAttributes.OUTBOX_DELIVERY_ATTEMPT, (long) event.attempt());
            return delivery.get();
        });
    }

    public Uni<Integer> releaseAbandonedOrders(Supplier<Uni<Integer>> release) {
        return spans.inSpan(RELEASE_ABANDONED_ORDERS, span -> release.get()
                .invoke(released -> span.setAttribute(ABANDONED_COUNT, (long) released)));
    }

    private static void describe(Span span, Order order) {
        span.setAttribute(ProjectAttributes.ORDER_ID, order.id().toString());
        span.setAttribute(CUSTOMER_ID, order.customerId().toString());
        span.setAttribute(ORDER_TOTAL_CENTS, order.totalCents());
        span.setAttribute(ProjectAttributes.ORDER_ITEM_COUNT, (long) order.items().size());
    }
}
