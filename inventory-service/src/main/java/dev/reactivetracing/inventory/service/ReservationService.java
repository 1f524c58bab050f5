package dev.reactivetracing.inventory.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.problem.ResourceNotFoundException;
import dev.reactivetracing.inventory.config.InventoryConfig;
import dev.reactivetracing.inventory.model.Product;
import dev.reactivetracing.inventory.model.RequestedLine;
import dev.reactivetracing.inventory.model.Reservation;
import dev.reactivetracing.inventory.model.ReservationOutcome;
import dev.reactivetracing.inventory.model.ReservationStatus;
import dev.reactivetracing.inventory.model.ReservedLine;
import dev.reactivetracing.inventory.model.ShortProduct;
import dev.reactivetracing.inventory.model.StockTaking;
import dev.reactivetracing.inventory.repository.ProductRepository;
import dev.reactivetracing.inventory.repository.ReservationRepository;
import dev.reactivetracing.inventory.telemetry.InventoryTelemetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * All-or-nothing stock reservations. Overselling is prevented by the database, not by luck: a reservation takes each
 * product's stock with a conditional decrement (in id order, so reservations never deadlock each other) in one
 * statement that is its own transaction; the {@code stock >= 0} CHECK backs it up. Every path that changes stock
 * locks its reservation row first, then the products in id order.
 */
@ApplicationScoped
public class ReservationService {

    private final Pool pool;
    private final ProductRepository products;
    private final ReservationRepository reservations;
    private final InventoryConfig config;
    private final InventoryTelemetry telemetry;

    public ReservationService(Pool pool, ProductRepository products, ReservationRepository reservations,
            InventoryConfig config, InventoryTelemetry telemetry) {
        this.pool = pool;
        this.products = products;
        this.reservations = reservations;
        this.config = config;
        this.telemetry = telemetry;
    }

    /**
     * Reserves every line or none, in one statement (the database's {@code reserve_stock} function): the products'
     * row locks are held only while PostgreSQL takes the stock, so a product everybody wants at once is not a queue
     * behind round trips. Reserving again for the same order returns the first reservation.
     */
    public Uni<ReservationOutcome> reserve(String orderId, List<RequestedLine> requested) {
        return telemetry.reserveStock(orderId, requested.size(), () -> reservations
                .reserve(pool, UUID.randomUUID(), orderId, config.reservations().timeToLive(), requested)
                .map(taking -> outcomeOf(taking, orderId, requested)));
    }

    static ReservationOutcome outcomeOf(StockTaking taking, String orderId, List<RequestedLine> requested) {
        if (taking.created().isPresent()) {
            return new ReservationOutcome(taking.created().get(), true);
        }
        if (taking.existing().isPresent()) {
            return new ReservationOutcome(replay(taking.existing().get(), orderId, requested), false);
        }
        if (!taking.unknownProductIds().isEmpty()) {
            throw new UnknownProductsException(taking.unknownProductIds());
        }
        throw new InsufficientStockException(taking.shortProducts());
    }

    public Uni<Reservation> findById(UUID id) {
        return reservations.findById(pool, id)
                .map(found -> found.orElseThrow(() -> new ResourceNotFoundException("Reservation", id.toString())));
    }

    /** Gives the stock back. Releasing a released reservation changes nothing; an unknown id is a 404. */
    public Uni<Void> release(UUID reservationId) {
        return pool.withTransaction(connection -> releaseIn(connection, reservationId)
                .flatMap(released -> released
                        ? Uni.createFrom().voidItem()
                        : reservations.findById(connection, reservationId).map(existing -> {
                            existing.orElseThrow(
                                    () -> new ResourceNotFoundException("Reservation", reservationId.toString()));
                            return null;
                        })));
    }

    /**
     * Gives back whatever an order holds, for a caller that does not know whether its reservation arrived (its call
     * timed out). If nothing arrived yet, a tombstone makes sure a late arrival cannot take stock.
     */
    public Uni<Void> releaseForOrder(String orderId) {
        return pool.withTransaction(connection -> reservations.insertTombstone(connection, UUID.randomUUID(), orderId)
                .flatMap(tombstoneWritten -> tombstoneWritten
                        ? Uni.createFrom().voidItem()
                        : reservations.findByOrderId(connection, orderId)
                                .flatMap(existing -> releaseIn(connection, existing.orElseThrow().id()))
                                .replaceWithVoid()));
    }

    /**
     * The order was saved (order.created arrived): the reserved stock is sold. Delivery is at least once, so a
     * confirmed reservation is confirmed again without change, and a released one (the order was cancelled before
     * the event arrived) stays released. An expired one (the event came later than its time to live, e.g. after an
     * outage) takes its stock again if the stock is still there; if not, the order cannot be served: 409.
     */
    public Uni<ReservationStatus> confirm(UUID reservationId, String orderId) {
        return pool.withTransaction(connection -> reservations
                .markConfirmed(connection, reservationId, orderId, ReservationStatus.RESERVED)
                .flatMap(confirmed -> confirmed
                        ? Uni.createFrom().item(ReservationStatus.CONFIRMED)
                        : reservations.markConfirmed(connection, reservationId, orderId, ReservationStatus.EXPIRED)
                                .flatMap(wasExpired -> wasExpired
                                        ? takeStockAgain(connection, reservationId, orderId)
                                        : currentStatus(connection, reservationId, orderId))));
    }

    private Uni<ReservationStatus> takeStockAgain(SqlConnection connection, UUID reservationId, String orderId) {
        return reservations.findById(connection, reservationId)
                .flatMap(found -> takeStock(connection, found.orElseThrow().items().stream()
                        .map(item -> new RequestedLine(item.productId(), item.quantity()))
                        .toList()))
                // Rolls the transaction back: the reservation stays expired.
                .onFailure(InsufficientStockException.class)
                .transform(shortNow -> ReservationConflictException.expired(orderId))
                .replaceWith(ReservationStatus.CONFIRMED);
    }

    private Uni<ReservationStatus> currentStatus(SqlConnection connection, UUID reservationId, String orderId) {
        return reservations.findById(connection, reservationId).map(found -> found
                .filter(reservation -> reservation.orderId().equals(orderId))
                .orElseThrow(() -> new ResourceNotFoundException("Reservation", reservationId.toString()))
                .status());
    }

    /**
     * Gives back the stock of reservations nobody confirmed within their time to live, a batch at a time. Returns how
     * many expired.
     */
    public Uni<Integer> expireOverdue(int batchSize) {
        return reservations.anyExpired(pool).flatMap(anyExpired -> !anyExpired
                ? Uni.createFrom().item(0)
                : telemetry.expireReservations(() -> pool.withTransaction(connection -> reservations
                        .markExpired(connection, batchSize)
                        .call(expired -> expired.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : products.returnStockOfReservations(connection, expired))
                        .map(List::size))));
    }

    private Uni<Boolean> releaseIn(SqlConnection connection, UUID reservationId) {
        return reservations.markReleased(connection, reservationId)
                .flatMap(released -> released
                        ? products.returnStockOfReservations(connection, List.of(reservationId)).replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    /**
     * For a reservation that expired and is confirmed after all: locks the products (in id order: the SQL and Java
     * orders agree, product ids compare as "C"), checks every line against them, and takes the stock with a
     * conditional update, in the caller's transaction. A rare path, so it may take its round trips.
     */
    private Uni<List<ReservedLine>> takeStock(SqlConnection connection, List<RequestedLine> requested) {
        List<RequestedLine> inIdOrder = requested.stream()
                .sorted(Comparator.comparing(RequestedLine::productId))
                .toList();
        List<String> productIds = inIdOrder.stream().map(RequestedLine::productId).toList();
        List<Integer> quantities = inIdOrder.stream().map(RequestedLine::quantity).toList();
        return products.lockForReservation(connection, productIds)
                .map(locked -> priceLines(inIdOrder, locked))
                .call(lines -> products.takeStock(connection, productIds, quantities)
                        .invoke(updated -> {
                            if (updated != productIds.size()) {
                                // Cannot happen while the rows are locked and were checked; refuse rather than
                                // commit a partial reservation if it ever does.
                                throw new IllegalStateException("Stock changed under a row lock");
                            }
                        }));
    }

    /** Checks the locked products against the request and prices each line; fails with every problem found. */
    static List<ReservedLine> priceLines(List<RequestedLine> requested, List<Product> locked) {
        Map<String, Product> lockedById = locked.stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        List<String> unknown = new ArrayList<>();
        List<ShortProduct> shortProducts = new ArrayList<>();
        List<ReservedLine> lines = new ArrayList<>(requested.size());
        for (RequestedLine line : requested) {
            Product product = lockedById.get(line.productId());
            if (product == null) {
                unknown.add(line.productId());
            } else if (product.stock() < line.quantity()) {
                shortProducts.add(new ShortProduct(line.productId(), line.quantity(), product.stock()));
            } else {
                lines.add(new ReservedLine(line.productId(), line.quantity(), product.priceCents()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownProductsException(unknown);
        }
        if (!shortProducts.isEmpty()) {
            throw new InsufficientStockException(shortProducts);
        }
        return List.copyOf(lines);
    }

    private static Reservation replay(Reservation existing, String orderId, List<RequestedLine> requested) {
        if (!existing.status().holdsStock()) {
            throw ReservationConflictException.closed(orderId, existing.status());
        }
        Map<String, Integer> reservedQuantities = existing.items().stream()
                .collect(Collectors.toMap(ReservedLine::productId, ReservedLine::quantity));
        Map<String, Integer> requestedQuantities = requested.stream()
                .collect(Collectors.toMap(RequestedLine::productId, RequestedLine::quantity));
        if (!reservedQuantities.equals(requestedQuantities)) {
            throw ReservationConflictException.differentItems(orderId);
        }
        return existing;
    }
}
