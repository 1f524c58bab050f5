package dev.reactivetracing.inventory.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.inventory.model.RequestedLine;
import dev.reactivetracing.inventory.model.Reservation;
import dev.reactivetracing.inventory.model.ReservationStatus;
import dev.reactivetracing.inventory.model.ReservedLine;
import dev.reactivetracing.inventory.model.ShortProduct;
import dev.reactivetracing.inventory.model.StockTaking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ReservationRepository {

    /**
     * Reserves every line or none in one round trip, as one transaction (autocommit): see
     * {@code V3__reserve_stock_function.sql} for what it answers and why it is one statement.
     */
    static final SqlStatement RESERVE = SqlStatement.functionCall("reserve_stock", """
            SELECT outcome, reservation_id, status, expires_at, product_id, quantity, unit_price_cents, available
            FROM reserve_stock($1, $2, $3, $4, $5)""");
    static final SqlStatement FIND_BY_ORDER_ID = new SqlStatement("SELECT", "reservation", """
            SELECT r.id, r.order_id, r.status, r.expires_at, i.product_id, i.quantity, i.unit_price_cents
            FROM reservation r LEFT JOIN reservation_item i ON i.reservation_id = r.id
            WHERE r.order_id = $1 ORDER BY i.product_id""");
    static final SqlStatement FIND_BY_ID = new SqlStatement("SELECT", "reservation", """
            SELECT r.id, r.order_id, r.status, r.expires_at, i.product_id, i.quantity, i.unit_price_cents
            FROM reservation r LEFT JOIN reservation_item i ON i.reservation_id = r.id
            WHERE r.id = $1 ORDER BY i.product_id""");
    /** Only a reservation that holds stock can be released; the row lock serializes concurrent releases. */
    static final SqlStatement MARK_RELEASED = new SqlStatement("UPDATE", "reservation", """
            UPDATE reservation SET status = 'RELEASED', updated_at = now()
            WHERE id = $1 AND status IN ('RESERVED', 'CONFIRMED')
            RETURNING id""");
    /** Marks an order released before any reservation of it arrived (see V2__create_reservation.sql). */
    static final SqlStatement INSERT_TOMBSTONE = new SqlStatement("INSERT", "reservation", """
            INSERT INTO reservation (id, order_id, status, expires_at) VALUES ($1, $2, 'RELEASED', now())
            ON CONFLICT (order_id) DO NOTHING
            RETURNING id""");

    /**
     * Confirms a reservation in the given status, for the order it was made for. The row lock makes one confirmation
     * win when the same event arrives twice at once.
     */
    static final SqlStatement MARK_CONFIRMED = new SqlStatement("UPDATE", "reservation", """
            UPDATE reservation SET status = 'CONFIRMED', updated_at = now()
            WHERE id = $1 AND order_id = $2 AND status = $3""");
    static final SqlStatement ANY_EXPIRED = new SqlStatement("SELECT", "reservation", """
            SELECT EXISTS (SELECT 1 FROM reservation WHERE status = 'RESERVED' AND expires_at < now()) AS found""");
    /** SKIP LOCKED: several instances may expire side by side without waiting on each other. */
    static final SqlStatement MARK_EXPIRED = new SqlStatement("UPDATE", "reservation", """
            UPDATE reservation SET status = 'EXPIRED', updated_at = now()
            WHERE id IN (SELECT id FROM reservation WHERE status = 'RESERVED' AND expires_at < now()
                         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id""");

    private final TracedSql sql;

    public ReservationRepository(TracedSql sql) {
        this.sql = sql;
    }

    /**
     * Takes the stock of every line for the order, or nothing. Not in a transaction of the caller's: the function's
     * statement is its own transaction, so the product rows stay locked only while PostgreSQL works on them.
     */
    public Uni<StockTaking> reserve(SqlClient client, UUID id, String orderId, Duration timeToLive,
            List<RequestedLine> lines) {
        return sql.execute(client, RESERVE, Tuple.tuple()
                .addUUID(id)
                .addString(orderId)
                .addDouble(timeToLive.toMillis() / 1000.0)
                .addArrayOfString(lines.stream().map(RequestedLine::productId).toArray(String[]::new))
                .addArrayOfInteger(lines.stream().map(RequestedLine::quantity).toArray(Integer[]::new)))
                .map(rows -> toStockTaking(orderId, rows));
    }

    public Uni<Optional<Reservation>> findByOrderId(SqlClient client, String orderId) {
        return sql.execute(client, FIND_BY_ORDER_ID, Tuple.of(orderId)).map(ReservationRepository::toReservation);
    }

    public Uni<Optional<Reservation>> findById(SqlClient client, UUID id) {
        return sql.execute(client, FIND_BY_ID, Tuple.of(id)).map(ReservationRepository::toReservation);
    }

    /** True if this call released it, false if it held no stock (already released, expired, or unknown). */
    public Uni<Boolean> markReleased(SqlClient client, UUID id) {
        return sql.execute(client, MARK_RELEASED, Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** True if the tombstone was written, false if the order already has a reservation. */
    public Uni<Boolean> insertTombstone(SqlClient client, UUID id, String orderId) {
        return sql.execute(client, INSERT_TOMBSTONE, Tuple.of(id, orderId)).map(rows -> rows.rowCount() == 1);
    }

    /** True if this call confirmed it; false if it was not in {@code from} (or is not this order's). */
    public Uni<Boolean> markConfirmed(SqlClient client, UUID id, String orderId, ReservationStatus from) {
        return sql.execute(client, MARK_CONFIRMED, Tuple.of(id, orderId, from.name()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A cheap, untraced look that runs on every expiry tick. */
    public Uni<Boolean> anyExpired(SqlClient client) {
        return sql.executeWithoutSpan(client, ANY_EXPIRED, Tuple.tuple())
                .map(rows -> rows.iterator().next().getBoolean("found"));
    }

    /** Marks up to {@code limit} overdue reservations expired and returns their ids. */
    public Uni<List<UUID>> markExpired(SqlClient client, int limit) {
        return sql.execute(client, MARK_EXPIRED, Tuple.of(limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    private static StockTaking toStockTaking(String orderId, RowSet<Row> rows) {
        List<String> unknown = new ArrayList<>();
        List<ShortProduct> shortProducts = new ArrayList<>();
        List<ReservedLine> lines = new ArrayList<>();
        Reservation reservation = null;
        String outcome = null;
        for (Row row : rows) {
            outcome = row.getString("outcome");
            switch (outcome) {
                case "unknown" -> unknown.add(row.getString("product_id"));
                case "short" -> shortProducts.add(new ShortProduct(row.getString("product_id"),
                        row.getInteger("quantity"), row.getInteger("available")));
                case "created", "existing" -> {
                    if (reservation == null) {
                        reservation = new Reservation(row.getUUID("reservation_id"), orderId,
                                ReservationStatus.valueOf(row.getString("status")),
                                row.getOffsetDateTime("expires_at"), List.of());
                    }
                    if (row.getString("product_id") != null) {
                        lines.add(new ReservedLine(row.getString("product_id"), row.getInteger("quantity"),
                                row.getLong("unit_price_cents")));
                    }
                }
                default -> throw new IllegalStateException("reserve_stock answered " + outcome);
            }
        }
        if (reservation == null) {
            if (unknown.isEmpty() && shortProducts.isEmpty()) {
                throw new IllegalStateException("reserve_stock answered nothing for order " + orderId);
            }
            return StockTaking.refused(unknown, shortProducts);
        }
        lines.sort(Comparator.comparing(ReservedLine::productId));
        Reservation withLines = new Reservation(reservation.id(), reservation.orderId(), reservation.status(),
                reservation.expiresAt(), List.copyOf(lines));
        return "created".equals(outcome) ? StockTaking.created(withLines) : StockTaking.existing(withLines);
    }

    private static Optional<Reservation> toReservation(RowSet<Row> rows) {
        Reservation reservation = null;
        List<ReservedLine> lines = new ArrayList<>();
        for (Row row : rows) {
            if (reservation == null) {
                reservation = new Reservation(row.getUUID("id"), row.getString("order_id"),
                        ReservationStatus.valueOf(row.getString("status")), row.getOffsetDateTime("expires_at"),
                        lines);
            }
            if (row.getString("product_id") != null) {
                lines.add(new ReservedLine(row.getString("product_id"), row.getInteger("quantity"),
                        row.getLong("unit_price_cents")));
            }
        }
        return Optional.ofNullable(reservation).map(found -> new Reservation(found.id(), found.orderId(),
                found.status(), found.expiresAt(), List.copyOf(lines)));
    }
}
