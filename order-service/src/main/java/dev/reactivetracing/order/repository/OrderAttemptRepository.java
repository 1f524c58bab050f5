package dev.reactivetracing.order.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Orders being created ({@code order_attempt}, see V5__order_attempts.sql): written before stock is reserved, so that
 * stock reserved by a request whose instance dies is never held for an order that will not exist.
 */
@ApplicationScoped
public class OrderAttemptRepository {

    /** An owner is alive if its instance beat less than {@code $n} seconds ago. */
    private static final String OWNER_ALIVE = """
            EXISTS (SELECT 1 FROM service_instance i WHERE i.id = a.owner_instance
                    AND i.heartbeat_at > now() - make_interval(secs => %s))""";

    /**
     * Begins an attempt for a new order id; with an Idempotency-Key already in use, takes over that key's attempt,
     * keeping its order id, when it is the same request, has no order yet, is still in progress, and its owner is gone
     * (no heartbeat within the owner timeout, and the attempt older than that too: its owner may have begun it before
     * its first beat landed), or it is older than the claim timeout (an owner alive but stuck). A concurrent begin with
     * the same key waits for this transaction and then finds it. Returns the order id this request now owns, if any.
     */
    static final SqlStatement BEGIN = new SqlStatement("INSERT", "order_attempt", """
            INSERT INTO order_attempt AS a (order_id, customer_id, idempotency_key, request_fingerprint, owner_instance)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (customer_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE
                SET owner_instance = EXCLUDED.owner_instance, started_at = now()
                WHERE a.request_fingerprint = EXCLUDED.request_fingerprint
                  AND a.state = 'IN_PROGRESS'
                  AND NOT EXISTS (SELECT 1 FROM customer_order o WHERE o.id = a.order_id)
                  AND (a.started_at < now() - make_interval(secs => $6)
                       OR (a.started_at < now() - make_interval(secs => $7) AND NOT %s))
            RETURNING order_id""".formatted(OWNER_ALIVE.formatted("$7")));
    static final SqlStatement FIND_BY_KEY = new SqlStatement("SELECT", "order_attempt", """
            SELECT order_id, request_fingerprint, state FROM order_attempt
            WHERE customer_id = $1 AND idempotency_key = $2""");
    /** The request failed before anything could be reserved: the attempt (and its key) simply go. */
    static final SqlStatement FORGET = new SqlStatement("DELETE", "order_attempt", """
            DELETE FROM order_attempt WHERE order_id = $1 AND owner_instance = $2 AND state = 'IN_PROGRESS'""");
    /**
     * The request failed after stock may have been reserved: this owner (only if it still is the owner: nobody took
     * the attempt over) marks it for giving the stock back.
     */
    static final SqlStatement ABANDON = new SqlStatement("UPDATE", "order_attempt", """
            UPDATE order_attempt SET state = 'ABANDONED', started_at = now()
            WHERE order_id = $1 AND owner_instance = $2 AND state = 'IN_PROGRESS'
            RETURNING order_id""");
    /**
     * Takes up to {@code $1} attempts left behind for this instance ({@code $2}) to give back their stock, each older
     * than the grace ({@code $4} seconds: the time a retry has to take over an attempt of a dead instance, and the time
     * an instance has to give back the stock of one it abandoned): abandoned ones (their own release failed, or their
     * instance died before it could), and ones in progress whose owner is gone. Never one whose order was saved.
     * SKIP LOCKED: instances sweep side by side without waiting on each other.
     */
    static final SqlStatement TAKE_LEFT_BEHIND = new SqlStatement("UPDATE", "order_attempt", """
            UPDATE order_attempt SET state = 'ABANDONED', owner_instance = $2, started_at = now()
            WHERE order_id IN (
                SELECT a.order_id FROM order_attempt a
                WHERE a.started_at < now() - make_interval(secs => $4)
                  AND (a.state = 'ABANDONED' OR NOT %s)
                  AND NOT EXISTS (SELECT 1 FROM customer_order o WHERE o.id = a.order_id)
                ORDER BY a.started_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING order_id""".formatted(OWNER_ALIVE.formatted("$3")));
    /** A cheap, untraced look on every sweep tick. */
    static final SqlStatement ANY_LEFT_BEHIND = new SqlStatement("SELECT", "order_attempt", """
            SELECT EXISTS (SELECT 1 FROM order_attempt a
                           WHERE a.started_at < now() - make_interval(secs => $2)
                             AND (a.state = 'ABANDONED' OR NOT %s)
                             AND NOT EXISTS (SELECT 1 FROM customer_order o WHERE o.id = a.order_id)) AS found"""
            .formatted(OWNER_ALIVE.formatted("$1")));
    /** The stock of an abandoned attempt is back: it goes (and with it its key, free for a retry). */
    static final SqlStatement DELETE_ABANDONED = new SqlStatement("DELETE", "order_attempt", """
            DELETE FROM order_attempt WHERE order_id = $1 AND owner_instance = $2 AND state = 'ABANDONED'""");

    private final TracedSql sql;

    public OrderAttemptRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** The order id this request now owns (the new one, or the one of the attempt it took over), if any. */
    public Uni<Optional<UUID>> begin(SqlClient client, UUID orderId, UUID customerId, Optional<String> key,
            String fingerprint, UUID owner, Duration claimTimeout, Duration ownerTimeout) {
        return sql.execute(client, BEGIN, Tuple.from(Arrays.asList(orderId, customerId, key.orElse(null),
                fingerprint, owner, seconds(claimTimeout), seconds(ownerTimeout))))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("order_id")));
    }

    public Uni<Optional<Attempt>> findByKey(SqlClient client, UUID customerId, String key) {
        return sql.execute(client, FIND_BY_KEY, Tuple.of(customerId, key)).map(rows -> {
            var iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return Optional.empty();
            }
            Row row = iterator.next();
            return Optional.of(new Attempt(row.getUUID("order_id"), row.getString("request_fingerprint"),
                    "IN_PROGRESS".equals(row.getString("state"))));
        });
    }

    public Uni<Void> forget(SqlClient client, UUID orderId, UUID owner) {
        return sql.execute(client, FORGET, Tuple.of(orderId, owner)).replaceWithVoid();
    }

    /** True if this owner marked it abandoned; false if it is not (any more) this owner's attempt in progress. */
    public Uni<Boolean> abandon(SqlClient client, UUID orderId, UUID owner) {
        return sql.execute(client, ABANDON, Tuple.of(orderId, owner)).map(rows -> rows.size() == 1);
    }

    public Uni<Boolean> anyLeftBehind(SqlClient client, Duration ownerTimeout, Duration grace) {
        return sql.executeWithoutSpan(client, ANY_LEFT_BEHIND, Tuple.of(seconds(ownerTimeout), seconds(grace)))
                .map(rows -> rows.iterator().next().getBoolean("found"));
    }

    /** The order ids of attempts left behind that this instance now gives back (marked abandoned, owned by it). */
    public Uni<List<UUID>> takeLeftBehind(SqlClient client, int limit, UUID owner, Duration ownerTimeout,
            Duration grace) {
        return sql.execute(client, TAKE_LEFT_BEHIND, Tuple.of(limit, owner, seconds(ownerTimeout), seconds(grace)))
                .map(rows -> {
                    List<UUID> orderIds = new ArrayList<>(rows.size());
                    rows.forEach(row -> orderIds.add(row.getUUID("order_id")));
                    return orderIds;
                });
    }

    public Uni<Void> deleteAbandoned(SqlClient client, UUID orderId, UUID owner) {
        return sql.execute(client, DELETE_ABANDONED, Tuple.of(orderId, owner)).replaceWithVoid();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** An Idempotency-Key's attempt: its order id, the fingerprint of the request that made it, and whether it runs. */
    public record Attempt(UUID orderId, String requestFingerprint, boolean inProgress) {
    }
}
