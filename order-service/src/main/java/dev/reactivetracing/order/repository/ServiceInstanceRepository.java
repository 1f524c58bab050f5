package dev.reactivetracing.order.repository;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code service_instance} rows: which order-service instances are alive (V5__order_attempts.sql). */
@ApplicationScoped
public class ServiceInstanceRepository {

    /** Registers, or beats (a beat also brings back the row of an instance declared gone after a long pause). */
    static final SqlStatement BEAT = new SqlStatement("INSERT", "service_instance", """
            INSERT INTO service_instance (id) VALUES ($1)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()""");
    static final SqlStatement DEREGISTER = new SqlStatement("DELETE", "service_instance",
            "DELETE FROM service_instance WHERE id = $1");
    /** Rows of instances gone long ago (killed: nobody deregistered them). */
    static final SqlStatement FORGET_GONE = new SqlStatement("DELETE", "service_instance", """
            DELETE FROM service_instance WHERE heartbeat_at < now() - make_interval(secs => $1)""");

    private final TracedSql sql;

    public ServiceInstanceRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** Untraced: it runs every second. */
    public Uni<Void> beat(SqlClient client, UUID instance) {
        return sql.executeWithoutSpan(client, BEAT, Tuple.of(instance)).replaceWithVoid();
    }

    public Uni<Void> deregister(SqlClient client, UUID instance) {
        return sql.executeWithoutSpan(client, DEREGISTER, Tuple.of(instance)).replaceWithVoid();
    }

    public Uni<Void> forgetGone(SqlClient client, Duration goneFor) {
        return sql.executeWithoutSpan(client, FORGET_GONE, Tuple.of(goneFor.toMillis() / 1000.0)).replaceWithVoid();
    }
}
