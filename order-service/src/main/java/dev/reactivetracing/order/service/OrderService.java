package dev.reactivetracing.order.service;

import java.time.Duration;
import java.time.OffsetDateTime;
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
import dev.reactivetracing.order.repository.CustomerRepository;
import dev.reactivetracing.order.repository.IdempotencyClaimRepository;
import dev.reactivetracing.order.repository.IdempotencyClaimRepository.Claim;
import dev.reactivetracing.order.repository.OrderRepository;
import dev.reactivetracing.order.repository.OutboxRepository;
import dev.reactivetracing.order.telemetry.OrderTelemetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Creating an order: check the customer (and an Idempotency-Key seen before) → claim the key → reserve the stock at
 * inventory-service → save the order, its items and the {@code order.created} event in one transaction. Whatever
 * fails after stock may have been reserved gives it back, so that a refused or failed order never holds stock.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    private final Pool pool;
    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final OutboxRepository outbox;
    private final IdempotencyClaimRepository claims;
    private final InventoryClient inventory;
    private final OrderTelemetry telemetry;
    private final Duration claimTimeout;

    public OrderService(Pool pool, CustomerRepository customers, OrderRepository orders, OutboxRepository outbox,
            IdempotencyClaimRepository claims, InventoryClient inventory, OrderTelemetry telemetry,
            OrderConfig config) {
        this.pool = pool;
        this.customers = customers;
        this.orders = orders;
        this.outbox = outbox;
        this.claims = claims;
        this.inventory = inventory;
        this.telemetry = telemetry;
        this.claimTimeout = config.idempotency().claimTimeout();
    }

    /**
     * Creates the order. With an {@code idempotencyKey} seen before for this customer: the same request gets the
     * order that key created (or 409 while that request is still running), another request is refused.
     */
    public Uni<OrderOutcome> create(NewOrder newOrder, Optional<String> idempotencyKey) {
        return telemetry.createOrder(newOrder.customerId(), newOrder.items().size(), () ->
                // Two independent reads, side by side: each is a leaf SQL span, so sharing the context is safe.
                Uni.combine().all().unis(
                        customers.exists(pool, newOrder.customerId()),
                        findEarlierRequest(newOrder, idempotencyKey))
                        .asTuple()
                        .flatMap(checks -> {
                            Optional<EarlierRequest> earlier = checks.getItem2();
                            if (earlier.isPresent() && !earlier.get().abandoned()) {
                                return Uni.createFrom().item(answerRepeated(earlier.get(), newOrder));
                            }
                            if (!checks.getItem1()) {
                                throw new UnknownCustomerException(newOrder.customerId());
                            }
                            return idempotencyKey.isPresent()
                                    ? claimThenPlace(newOrder, idempotencyKey.get())
                                    : place(newOrder, UUID.randomUUID(), Optional.empty());
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

    private Uni<OrderOutcome> claimThenPlace(NewOrder newOrder, String idempotencyKey) {
        UUID orderId = UUID.randomUUID();
        return claims.claim(pool, newOrder.customerId(), idempotencyKey, newOrder.fingerprint(), orderId,
                claimTimeout)
                .flatMap(claimed -> claimed
                        ? place(newOrder, orderId, Optional.of(idempotencyKey))
                                .onFailure().call(failure -> claims
                                        .release(pool, newOrder.customerId(), idempotencyKey, orderId)
                                        .onFailure().recoverWithNull())
                        // Another request claimed it between our look and our claim.
                        : findEarlierRequest(newOrder, Optional.of(idempotencyKey))
                                .map(earlier -> answerRepeated(earlier.orElseThrow(), newOrder)));
    }

    private Uni<OrderOutcome> place(NewOrder newOrder, UUID orderId, Optional<String> idempotencyKey) {
        telemetry.orderIdAssigned(orderId);
        return telemetry.checkInventory(orderId, newOrder.items().size(), inventory.reservationCircuitState(),
                () -> reserve(orderId, newOrder))
                .onFailure(InventoryUnavailableException.class).invoke(unavailable -> {
                    // If any attempt may have reached inventory-service (one that timed out may have reserved, even
                    // if a later one found nobody listening), the order's stock may be held there.
                    if (unavailable.getCause() instanceof InventoryCallFailedException failed
                            && failed.mayHaveReachedInventory()) {
                        releaseInBackground(orderId);
                    }
                })
                .flatMap(reservation -> save(orderId, newOrder, reservation, idempotencyKey)
                        .onFailure().invoke(saveFailure -> releaseInBackground(orderId)))
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

    /** What became of an earlier request with this customer's key, if there was one. */
    private Uni<Optional<EarlierRequest>> findEarlierRequest(NewOrder newOrder, Optional<String> idempotencyKey) {
        if (idempotencyKey.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return claims.find(pool, newOrder.customerId(), idempotencyKey.get())
                .flatMap(claim -> claim.isEmpty()
                        ? Uni.createFrom().item(Optional.<EarlierRequest>empty())
                        : orders.findById(pool, claim.get().orderId())
                                .map(order -> Optional.of(new EarlierRequest(claim.get(), order,
                                        order.isEmpty() && isStale(claim.get())))));
    }

    private boolean isStale(Claim claim) {
        return claim.claimedAt().isBefore(OffsetDateTime.now().minus(claimTimeout));
    }

    private static OrderOutcome answerRepeated(EarlierRequest earlier, NewOrder newOrder) {
        if (!earlier.claim().requestFingerprint().equals(newOrder.fingerprint())) {
            throw new IdempotencyKeyReusedException();
        }
        return earlier.order()
                .map(order -> new OrderOutcome(order, true))
                .orElseThrow(IdempotencyKeyInProgressException::new);
    }

    /**
     * Compensation: the order will not exist, so it must hold no stock. Off the request's path: the client gets its
     * answer at once, and if this fails too, the reservation expires at inventory-service.
     */
    private void releaseInBackground(UUID orderId) {
        inventory.releaseOrder(orderId).subscribe().with(
                released -> LOG.debugf("Released the stock of failed order %s", orderId),
                failure -> LOG.warnf("Could not release the stock of failed order %s; its reservation will expire: %s",
                        orderId, failure.toString()));
    }

    private static ResourceNotFoundException notFound(UUID orderId) {
        return new ResourceNotFoundException("Order", orderId.toString());
    }

    /** The save lost a race against a request with the same key (whose claim this one had taken over). */
    private static boolean isDuplicateIdempotencyKey(Throwable failure) {
        return SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION, OrderRepository.IDEMPOTENCY_KEY_CONSTRAINT);
    }

    /** The customer was deleted after it was checked. */
    private static boolean isForeignKeyViolation(Throwable failure) {
        return SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION, null);
    }

    /** An earlier request with the same key; abandoned if it claimed the key long ago and never saved its order. */
    private record EarlierRequest(Claim claim, Optional<Order> order, boolean abandoned) {
    }
}
