package dev.reactivetracing.order.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.commons.problem.ResourceNotFoundException;
import dev.reactivetracing.order.client.InventoryClient;
import dev.reactivetracing.order.client.ReservationResponse;
import dev.reactivetracing.order.repository.CustomerRepository;
import dev.reactivetracing.order.repository.OrderRepository;
import dev.reactivetracing.order.repository.OrderRepository.FingerprintedOrder;
import dev.reactivetracing.order.repository.OutboxRepository;
import dev.reactivetracing.order.telemetry.OrderTelemetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Creating an order: check the customer (and a replayed Idempotency-Key) → reserve the stock at inventory-service →
 * save the order, its items and the {@code order.created} event in one transaction. Whatever fails after the
 * reservation gives the stock back, so that a refused or failed order never holds stock.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final OutboxRepository outbox;
    private final InventoryClient inventory;
    private final OrderTelemetry telemetry;

    public OrderService(Pool pool, CustomerRepository customers, OrderRepository orders, OutboxRepository outbox,
            InventoryClient inventory, OrderTelemetry telemetry) {
        this.pool = pool;
        this.customers = customers;
        this.orders = orders;
        this.outbox = outbox;
        this.inventory = inventory;
        this.telemetry = telemetry;
    }

    /**
     * Creates the order, or with an {@code idempotencyKey} seen before returns the order that key created (same
     * request) or refuses (different request).
     */
    public Uni<OrderOutcome> create(NewOrder newOrder, Optional<String> idempotencyKey) {
        return telemetry.createOrder(newOrder.customerId(), newOrder.items().size(), () ->
                // Two independent reads, side by side: each is a leaf SQL span, so sharing the context is safe.
                Uni.combine().all().unis(
                        customers.exists(pool, newOrder.customerId()),
                        findByIdempotencyKey(idempotencyKey))
                        .asTuple()
                        .flatMap(checks -> {
                            Optional<FingerprintedOrder> earlier = checks.getItem2();
                            if (earlier.isPresent()) {
                                return Uni.createFrom().item(replay(earlier.get(), newOrder));
                            }
                            if (!checks.getItem1()) {
                                throw new UnknownCustomerException(newOrder.customerId());
                            }
                            return reserveAndSave(newOrder, idempotencyKey);
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
                        .flatMap(released -> orders.markCancelled(pool, orderId))
                        .replaceWith(order.withStatus(OrderStatus.CANCELLED)));
    }

    private Uni<OrderOutcome> reserveAndSave(NewOrder newOrder, Optional<String> idempotencyKey) {
        UUID orderId = UUID.randomUUID();
        telemetry.orderIdAssigned(orderId);
        return telemetry.checkInventory(orderId, newOrder.items().size(),
                () -> inventory.reserve(orderId, newOrder.items()))
                // Unavailable may mean "answered too late": the stock may be held, so give it back.
                .onFailure(InventoryUnavailableException.class).call(unknownOutcome -> releaseAfterFailure(orderId))
                .flatMap(reservation -> save(orderId, newOrder, reservation, idempotencyKey)
                        .onFailure().call(saveFailure -> releaseAfterFailure(orderId)))
                .onFailure(OrderService::isDuplicateIdempotencyKey)
                .recoverWithUni(duplicate -> replayConcurrentDuplicate(idempotencyKey.orElseThrow(), newOrder));
    }

    private Uni<OrderOutcome> save(UUID orderId, NewOrder newOrder, ReservationResponse reservation,
            Optional<String> idempotencyKey) {
        List<OrderItem> items = reservation.items().stream()
                .map(reserved -> new OrderItem(reserved.productId(), reserved.quantity(), reserved.unitPriceCents()))
                .toList();
        Order order = new Order(orderId, newOrder.customerId(), OrderStatus.CREATED, Order.totalOf(items),
                reservation.id(), items, null);
        OrderCreatedEvent event = new OrderCreatedEvent(UUID.randomUUID(), orderId, order.customerId(),
                reservation.id(), order.totalCents(), items.size());
        return pool.withTransaction(connection -> telemetry
                .saveOrder(order, () -> orders.insert(connection, order, idempotencyKey.orElse(null),
                        newOrder.fingerprint()))
                .call(saved -> telemetry.publishEvent(event,
                        traceContext -> outbox.insert(connection, event, traceContext))))
                .invoke(saved -> LOG.infof("Order %s created: %d items, %d cents, reservation %s", saved.id(),
                        saved.items().size(), saved.totalCents(), saved.reservationId()))
                .map(saved -> new OrderOutcome(saved, false));
    }

    private Uni<Optional<FingerprintedOrder>> findByIdempotencyKey(Optional<String> idempotencyKey) {
        return idempotencyKey.isPresent()
                ? orders.findByIdempotencyKey(pool, idempotencyKey.get())
                : Uni.createFrom().item(Optional.empty());
    }

    /** Two requests with one key raced and the other one saved first: answer with its order. */
    private Uni<OrderOutcome> replayConcurrentDuplicate(String idempotencyKey, NewOrder newOrder) {
        return orders.findByIdempotencyKey(pool, idempotencyKey)
                .map(earlier -> replay(earlier.orElseThrow(), newOrder));
    }

    private static OrderOutcome replay(FingerprintedOrder earlier, NewOrder newOrder) {
        if (!earlier.requestFingerprint().equals(newOrder.fingerprint())) {
            throw new IdempotencyKeyReusedException();
        }
        return new OrderOutcome(earlier.order(), true);
    }

    /** Compensation: the order will not exist, so it must hold no stock. If this fails too, the reservation expires. */
    private Uni<Void> releaseAfterFailure(UUID orderId) {
        return inventory.releaseOrder(orderId)
                .onFailure().invoke(failure -> LOG.warnf(
                        "Could not release the stock of failed order %s; its reservation will expire: %s",
                        orderId, failure.toString()))
                .onFailure().recoverWithNull();
    }

    private static ResourceNotFoundException notFound(UUID orderId) {
        return new ResourceNotFoundException("Order", orderId.toString());
    }

    /** The save lost a race against a request with the same Idempotency-Key. */
    private static boolean isDuplicateIdempotencyKey(Throwable failure) {
        return failure instanceof PgException pgFailure
                && UNIQUE_VIOLATION.equals(pgFailure.getSqlState())
                && OrderRepository.IDEMPOTENCY_KEY_CONSTRAINT.equals(pgFailure.getConstraint());
    }
}
