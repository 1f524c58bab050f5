package dev.reactivetracing.order.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.commons.contract.InventoryProblemTypes;
import dev.reactivetracing.commons.problem.ResourceNotFoundException;
import dev.reactivetracing.commons.sql.SqlStates;
import dev.reactivetracing.order.client.InventoryCallFailedException;
import dev.reactivetracing.order.client.InventoryClient;
import dev.reactivetracing.order.client.InventoryRefusedException;
import dev.reactivetracing.order.client.ReservationRequest;
import dev.reactivetracing.order.client.ReservationResponse;
import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.model.NewOrder;
import dev.reactivetracing.order.model.Order;
import dev.reactivetracing.order.model.OrderCreatedEvent;
import dev.reactivetracing.order.model.OrderItem;
import dev.reactivetracing.order.model.OrderOutcome;
import dev.reactivetracing.order.model.OrderStatus;
import dev.reactivetracing.order.repository.CustomerRepository;
import dev.reactivetracing.order.repository.OrderAttemptRepository;
import dev.reactivetracing.order.repository.OrderRepository;
import dev.reactivetracing.order.repository.OutboxRepository;
import dev.reactivetracing.order.telemetry.OrderTelemetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Creating an order: check the customer (and an Idempotency-Key seen before) → begin an attempt, which owns the order id
 * (and the key) → reserve the stock at inventory-service → save the order, its items and the {@code order.created}
 * event in one transaction. Whatever fails after stock may have been reserved abandons the attempt, which gives the
 * stock back, so that a refused or failed order never holds stock. An attempt whose instance died is taken over by a
 * retry with the same key (same order id, so the same reservation) or given back by {@link AbandonedOrders}.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    private final Pool pool;
    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final OutboxRepository outbox;
    private final OrderAttemptRepository attempts;
    private final AbandonedOrders abandonedOrders;
    private final ServiceInstance instance;
    private final InventoryClient inventory;
    private final OrderTelemetry telemetry;
    private final Duration claimTimeout;
    private final Duration ownerTimeout;

    public OrderService(Pool pool, CustomerRepository customers, OrderRepository orders, OutboxRepository outbox,
            OrderAttemptRepository attempts, AbandonedOrders abandonedOrders, ServiceInstance instance,
            InventoryClient inventory, OrderTelemetry telemetry, OrderConfig config) {
        this.pool = pool;
        this.customers = customers;
        this.orders = orders;
        this.outbox = outbox;
        this.attempts = attempts;
        this.abandonedOrders = abandonedOrders;
        this.instance = instance;
        this.inventory = inventory;
        this.telemetry = telemetry;
        this.claimTimeout = config.idempotency().claimTimeout();
        this.ownerTimeout = config.attempts().ownerTimeout();
    }

    /**
     * Creates the order. With an {@code idempotencyKey} seen before for this customer: the same request gets the
     * order that key created (or 409 while that request is still running), another request is refused.
     */
    public Uni<OrderOutcome> create(NewOrder newOrder, Optional<String> idempotencyKey) {
        String fingerprint = newOrder.fingerprint();
        return telemetry.createOrder(newOrder.customerId(), newOrder.items().size(), () ->
                // Two independent reads, side by side: each is a leaf SQL span, so sharing the context is safe.
                Uni.combine().all().unis(
                        customers.exists(pool, newOrder.customerId()),
                        findEarlierRequest(newOrder.customerId(), idempotencyKey))
                        .asTuple()
                        .flatMap(checks -> {
                            Optional<EarlierRequest> earlier = checks.getItem2();
                            if (earlier.isPresent() && (earlier.get().order().isPresent()
                                    || !earlier.get().attempt().requestFingerprint().equals(fingerprint))) {
                                return Uni.createFrom().item(answerRepeated(earlier, fingerprint));
                            }
                            // No earlier request, or the same one still running, or left behind by an instance that
                            // died (beginning takes that one over).
                            if (!checks.getItem1()) {
                                throw new UnknownCustomerException(newOrder.customerId());
                            }
                            return beginThenPlace(newOrder, idempotencyKey, fingerprint);
                        }));
    }

    public Uni<Order> get(UUID orderId) {
        return orders.findById(pool, orderId).map(found -> found.orElseThrow(() -> notFound(orderId)));
    }

    public Uni<List<Order>> listForCustomer(UUID customerId, int page, int size) {
        return orders.findPageByCustomer(pool, customerId, size, page * size);
    }

    /**
     * Cancels and gives the stock back. Stock first: if inventory-service is unreachable the order stays CREATED and
     * the cancel can be retried; cancelling a cancelled order changes nothing.
     */
    public Uni<Order> cancel(UUID orderId) {
        return get(orderId).flatMap(order -> order.status() == OrderStatus.CANCELLED
                ? Uni.createFrom().item(order)
                : inventory.releaseOrder(orderId)
                        .onFailure(InventoryCallFailedException.class).transform(InventoryUnavailableException::new)
                        .flatMap(released -> orders.markCancelled(pool, orderId))
                        .replaceWith(order.withStatus(OrderStatus.CANCELLED)));
    }

    private Uni<OrderOutcome> beginThenPlace(NewOrder newOrder, Optional<String> idempotencyKey, String fingerprint) {
        return attempts.begin(pool, UUID.randomUUID(), newOrder.customerId(), idempotencyKey, fingerprint,
                instance.id(), claimTimeout, ownerTimeout)
                .flatMap(owned -> owned.isPresent()
                        ? place(newOrder, owned.get(), idempotencyKey, fingerprint)
                        // Another request holds the key: still running, or giving back what a failed one held.
                        : findEarlierRequest(newOrder.customerId(), idempotencyKey)
                                .map(earlier -> answerRepeated(earlier, fingerprint)));
    }

    private Uni<OrderOutcome> place(NewOrder newOrder, UUID orderId, Optional<String> idempotencyKey,
            String fingerprint) {
        telemetry.orderIdAssigned(orderId);
        return telemetry.checkInventory(orderId, newOrder.items().size(), inventory.reservationCircuitState(),
                () -> reserve(orderId, newOrder))
                .onFailure().call(failure -> failedBeforeSaving(orderId, failure))
                .flatMap(reservation -> save(orderId, newOrder, reservation, idempotencyKey, fingerprint)
                        .onFailure(failure -> !isDuplicateOrder(failure))
                        .call(saveFailure -> abandonedOrders.abandon(orderId)))
                // Only a second live attempt of the same key can have saved this order id first: it is the order.
                .onFailure(OrderService::isDuplicateOrder)
                .recoverWithUni(() -> get(orderId).map(saved -> new OrderOutcome(saved, true)))
                .onFailure(OrderService::isForeignKeyViolation)
                .transform(customerGone -> new UnknownCustomerException(newOrder.customerId()))
                .onFailure(OrderService::isDuplicateIdempotencyKey)
                .transform(duplicate -> new IdempotencyKeyInProgressException());
    }

    /**
     * Reserves the order's stock at inventory-service. Its refusals become this service's answers (409, 422); a call
     * that failed as a whole is a 503.
     */
    private Uni<ReservationResponse> reserve(UUID orderId, NewOrder newOrder) {
        return inventory.reserve(orderId, newOrder.items().stream()
                .map(item -> new ReservationRequest.Line(item.productId(), item.quantity()))
                .toList())
                .onFailure(InventoryCallFailedException.class).transform(InventoryUnavailableException::new)
                .onFailure(InventoryRefusedException.class)
                .transform(refused -> refusal((InventoryRefusedException) refused));
    }

    /** inventory-service's refusal of a reservation as this service's answer; one it should never give, a 500. */
    private static RuntimeException refusal(InventoryRefusedException refused) {
        String type = refused.problemType();
        if (InventoryProblemTypes.INSUFFICIENT_STOCK.equals(type)) {
            return new InsufficientStockException(refused.shortProducts().stream()
                    .map(shortProduct -> new InsufficientStockException.ShortProduct(shortProduct.productId(),
                            shortProduct.requested(), shortProduct.available()))
                    .toList());
        }
        if (InventoryProblemTypes.UNKNOWN_PRODUCT.equals(type)) {
            return new UnknownProductsException(refused.unknownProductIds());
        }
        return refused;
    }

    /**
     * The reservation failed. If any attempt of the call may have reached inventory-service (one that timed out may
     * have reserved, even if a later one found nobody listening), the order's stock may be held there: the attempt is
     * abandoned, which gives it back. Otherwise nothing is held and the attempt (with its key) simply goes.
     */
    private Uni<Void> failedBeforeSaving(UUID orderId, Throwable failure) {
        boolean mayHoldStock = failure instanceof InventoryUnavailableException unavailable
                && unavailable.getCause() instanceof InventoryCallFailedException failed
                && failed.mayHaveReachedInventory();
        return (mayHoldStock ? abandonedOrders.abandon(orderId) : attempts.forget(pool, orderId, instance.id()))
                .onFailure().invoke(bookkeeping -> LOG.warnf("Could not close the attempt of failed order %s: %s",
                        orderId, bookkeeping.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<OrderOutcome> save(UUID orderId, NewOrder newOrder, ReservationResponse reservation,
            Optional<String> idempotencyKey, String fingerprint) {
        List<OrderItem> items = reservation.items().stream()
                .map(reserved -> new OrderItem(reserved.productId(), reserved.quantity(), reserved.unitPriceCents()))
                .toList();
        Order order = new Order(orderId, newOrder.customerId(), OrderStatus.CREATED, Order.totalOf(items),
                reservation.id(), items, null);
        OrderCreatedEvent event = new OrderCreatedEvent(UUID.randomUUID(), orderId, order.customerId(),
                reservation.id(), order.totalCents(), items.size());
        return pool.withTransaction(connection -> telemetry
                .saveOrder(order, () -> orders.insert(connection, order, idempotencyKey.orElse(null), fingerprint))
                .call(saved -> telemetry.publishEvent(event,
                        traceContext -> outbox.insert(connection, event, traceContext))))
                .invoke(saved -> LOG.infof("Order %s created: %d items, %d cents, reservation %s", saved.id(),
                        saved.items().size(), saved.totalCents(), saved.reservationId()))
                .map(saved -> new OrderOutcome(saved, false));
    }

    /** What became of an earlier request with this customer's key, if there was one. */
    private Uni<Optional<EarlierRequest>> findEarlierRequest(UUID customerId, Optional<String> idempotencyKey) {
        if (idempotencyKey.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return attempts.findByKey(pool, customerId, idempotencyKey.get())
                .flatMap(attempt -> attempt.isEmpty()
                        ? Uni.createFrom().item(Optional.<EarlierRequest>empty())
                        : orders.findById(pool, attempt.get().orderId())
                                .map(order -> Optional.of(new EarlierRequest(attempt.get(), order))));
    }

    /**
     * The answer to a request whose key another request holds: its order if it made one (the same request), a refusal
     * if the key came with another request, else "in progress" (also when the key was free again a moment later: the
     * client retries, as it would for in progress).
     */
    private static OrderOutcome answerRepeated(Optional<EarlierRequest> earlier, String fingerprint) {
        if (earlier.isEmpty()) {
            throw new IdempotencyKeyInProgressException();
        }
        if (!earlier.get().attempt().requestFingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return earlier.get().order()
                .map(order -> new OrderOutcome(order, true))
                .orElseThrow(IdempotencyKeyInProgressException::new);
    }

    private static ResourceNotFoundException notFound(UUID orderId) {
        return new ResourceNotFoundException("Order", orderId.toString());
    }

    /** The save lost a race against another order of the same key (a request that began just as it ended). */
    private static boolean isDuplicateIdempotencyKey(Throwable failure) {
        return SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION, OrderRepository.IDEMPOTENCY_KEY_CONSTRAINT);
    }

    /** This order id is saved already: by a second live attempt of the same key (see OrderAttemptRepository.BEGIN). */
    private static boolean isDuplicateOrder(Throwable failure) {
        return SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION, OrderRepository.PRIMARY_KEY_CONSTRAINT);
    }

    /** The customer was deleted after it was checked. */
    private static boolean isForeignKeyViolation(Throwable failure) {
        return SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION, null);
    }

    /** An earlier request with the same key: its attempt, and its order if it saved one. */
    private record EarlierRequest(OrderAttemptRepository.Attempt attempt, Optional<Order> order) {
    }
}
