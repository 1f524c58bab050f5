package dev.reactivetracing.order.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.order.model.OrderCreatedEvent;
import dev.reactivetracing.order.model.OutboxEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OutboxRepository {

    static final SqlStatement INSERT = new SqlStatement("INSERT", "outbox", """
            INSERT INTO outbox (event_id, event_type, aggregate_id, payload, traceparent, tracestate)
            VALUES ($1, $2, $3, $4, $5, $6)""");
    /**
     * Claims due events under a lease: SKIP LOCKED lets several relays (replicas) claim disjoint batches, and the
     * lease (next_attempt_at in the future) hands an event to another relay only if this one dies mid-delivery.
     * Oldest due first, in the order of the partial index outbox_pending_idx (next_attempt_at, id), so that the claim
     * reads only pending rows, however many published ones the table keeps.
     */
    static final SqlStatement CLAIM_DUE = new SqlStatement("UPDATE", "outbox", """
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
            WHERE id IN (SELECT id FROM outbox
                         WHERE published_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_id, event_type, payload, traceparent, tracestate, attempts""");
    // The outcome of a delivery is written only by the relay that claimed it for that attempt: if its lease ran out
    // and another relay claimed the row again, attempts has moved on and this relay's late word changes nothing.
    static final SqlStatement MARK_PUBLISHED = new SqlStatement("UPDATE", "outbox",
            "UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = $1 AND attempts = $2");
    static final SqlStatement SCHEDULE_RETRY = new SqlStatement("UPDATE", "outbox", """
            UPDATE outbox SET last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
            WHERE id = $1 AND attempts = $2""");
    static final SqlStatement MARK_FAILED = new SqlStatement("UPDATE", "outbox",
            "UPDATE outbox SET last_error = $3, failed_at = now() WHERE id = $1 AND attempts = $2");
    static final SqlStatement DELETE_PUBLISHED_BEFORE = new SqlStatement("DELETE", "outbox", """
            DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)""");

    private static final int MAX_ERROR_LENGTH = 500;

    private final TracedSql sql;

    public OutboxRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** Writes the event in the caller's transaction, with the W3C trace context its delivery will continue. */
    public Uni<Void> insert(SqlClient client, OrderCreatedEvent event, Map<String, String> traceContext) {
        JsonObject payload = new JsonObject()
                .put("event_id", event.eventId().toString())
                .put("order_id", event.orderId().toString())
                .put("customer_id", event.customerId().toString())
                .put("reservation_id", event.reservationId().toString())
                .put("total_cents", event.totalCents())
                .put("item_count", event.itemCount());
        return sql.execute(client, INSERT, Tuple.from(Arrays.asList(event.eventId(), OrderCreatedEvent.TYPE,
                event.orderId(), payload, traceContext.get("traceparent"), traceContext.get("tracestate"))))
                .replaceWithVoid();
    }

    /** Untraced: it runs every poll interval and mostly finds nothing; each delivery is traced on its own. */
    public Uni<List<OutboxEvent>> claimDue(SqlClient client, int limit, Duration lease) {
        return sql.executeWithoutSpan(client, CLAIM_DUE, Tuple.of(limit, seconds(lease))).map(rows -> {
            List<OutboxEvent> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                events.add(toEvent(row));
            }
            return events;
        });
    }

    public Uni<Void> markPublished(SqlClient client, OutboxEvent event) {
        return sql.execute(client, MARK_PUBLISHED, Tuple.of(event.id(), event.attempt())).replaceWithVoid();
    }

    public Uni<Void> scheduleRetry(SqlClient client, OutboxEvent event, String error, Duration backoff) {
        return sql.execute(client, SCHEDULE_RETRY,
                Tuple.of(event.id(), event.attempt(), truncate(error), seconds(backoff))).replaceWithVoid();
    }

    public Uni<Void> markFailed(SqlClient client, OutboxEvent event, String error) {
        return sql.execute(client, MARK_FAILED, Tuple.of(event.id(), event.attempt(), truncate(error)))
                .replaceWithVoid();
    }

    /** Deletes events published longer ago than {@code retention}; returns how many. */
    public Uni<Integer> deletePublishedBefore(SqlClient client, Duration retention) {
        return sql.execute(client, DELETE_PUBLISHED_BEFORE, Tuple.of(seconds(retention))).map(rows -> rows.rowCount());
    }

    private static OutboxEvent toEvent(Row row) {
        JsonObject payload = row.getJsonObject("payload");
        Map<String, String> traceContext = new HashMap<>();
        if (row.getString("traceparent") != null) {
            traceContext.put("traceparent", row.getString("traceparent"));
        }
        if (row.getString("tracestate") != null) {
            traceContext.put("tracestate", row.getString("tracestate"));
        }
        return new OutboxEvent(row.getLong("id"), row.getUUID("event_id"), row.getString("event_type"),
                UUID.fromString(payload.getString("order_id")), UUID.fromString(payload.getString("reservation_id")),
                Map.copyOf(traceContext), row.getInteger("attempts"));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
