package dev.reactivetracing.inventory.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.inventory.service.Reservation;
import dev.reactivetracing.inventory.service.ReservationStatus;
import dev.reactivetracing.inventory.service.ReservedLine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ReservationRepository {

    /**
     * Claims the order id. A concurrent claim of the same order waits on the unique index until this transaction ends,
     * then sees the row: the second request becomes a replay instead of a second reservation.
     */
    static final SqlStatement CLAIM = new SqlStatement("INSERT", "reservation", """
            INSERT INTO reservation (id, order_id, status, expires_at)
            VALUES ($1, $2, 'RESERVED', now() + make_interval(secs => $3))
            ON CONFLICT (order_id) DO NOTHING
            RETURNING id, expires_at""");
    static final SqlStatement INSERT_LINES = new SqlStatement("INSERT", "reservation_item", """
            INSERT INTO reservation_item (reservation_id, product_id, quantity, unit_price_cents)
            SELECT $1, line.product_id, line.quantity, line.unit_price_cents
            FROM unnest($2::text[], $3::int[], $4::bigint[]) AS line (product_id, quantity, unit_price_cents)""");
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

    /** The new reservation, still without items, or empty if the order already has one. */
    public Uni<Optional<Reservation>> claim(SqlClient client, UUID id, String orderId, Duration timeToLive) {
        return sql.execute(client, CLAIM, Tuple.of(id, orderId, timeToLive.toMillis() / 1000.0))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(new Reservation(id, orderId, ReservationStatus.RESERVED,
                                rows.iterator().next().getOffsetDateTime("expires_at"), List.of())));
    }

    public Uni<Void> insertLines(SqlClient client, UUID reservationId, List<ReservedLine> lines) {
        return sql.execute(client, INSERT_LINES, Tuple.tuple()
                .addUUID(reservationId)
                .addArrayOfString(lines.stream().map(ReservedLine::productId).toArray(String[]::new))
                .addArrayOfInteger(lines.stream().map(ReservedLine::quantity).toArray(Integer[]::new))
                .addArrayOfLong(lines.stream().map(ReservedLine::unitPriceCents).toArray(Long[]::new)))
                .replaceWithVoid();
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
