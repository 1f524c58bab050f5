package dev.reactivetracing.order.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class IdempotencyClaimRepository {

    /**
     * Claims a key for an order id; a claim older than the timeout whose order was never saved (its request died with
     * its process) is taken over. A concurrent claim of the same key waits for this transaction and then finds it.
     */
    static final SqlStatement CLAIM = new SqlStatement("INSERT", "idempotency_claim", """
            INSERT INTO idempotency_claim (customer_id, idempotency_key, request_fingerprint, order_id)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (customer_id, idempotency_key) DO UPDATE
                SET request_fingerprint = EXCLUDED.request_fingerprint, order_id = EXCLUDED.order_id,
                    claimed_at = now()
                WHERE idempotency_claim.claimed_at < now() - make_interval(secs => $5)
                  AND NOT EXISTS (SELECT 1 FROM customer_order o WHERE o.id = idempotency_claim.order_id)
            RETURNING order_id""");
    static final SqlStatement FIND = new SqlStatement("SELECT", "idempotency_claim", """
            SELECT request_fingerprint, order_id, claimed_at FROM idempotency_claim
            WHERE customer_id = $1 AND idempotency_key = $2""");
    static final SqlStatement RELEASE = new SqlStatement("DELETE", "idempotency_claim", """
            DELETE FROM idempotency_claim WHERE customer_id = $1 AND idempotency_key = $2 AND order_id = $3""");

    private final TracedSql sql;

    public IdempotencyClaimRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** True if this request now holds the key for {@code orderId}. */
    public Uni<Boolean> claim(SqlClient client, UUID customerId, String key, String fingerprint, UUID orderId,
            Duration takeOverAfter) {
        return sql.execute(client, CLAIM, Tuple.from(java.util.List.of(customerId, key, fingerprint, orderId,
                takeOverAfter.toMillis() / 1000.0)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Claim>> find(SqlClient client, UUID customerId, String key) {
        return sql.execute(client, FIND, Tuple.of(customerId, key)).map(rows -> {
            var iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return Optional.empty();
            }
            Row row = iterator.next();
            return Optional.of(new Claim(row.getString("request_fingerprint"), row.getUUID("order_id"),
                    row.getOffsetDateTime("claimed_at")));
        });
    }

    /** Gives the key up after a failed attempt, so that the client can retry with it. */
    public Uni<Void> release(SqlClient client, UUID customerId, String key, UUID orderId) {
        return sql.execute(client, RELEASE, Tuple.of(customerId, key, orderId)).replaceWithVoid();
    }

    /** Who holds a key: the fingerprint of the request that claimed it, and the order it is creating or created. */
    public record Claim(String requestFingerprint, UUID orderId, OffsetDateTime claimedAt) {
    }
}
