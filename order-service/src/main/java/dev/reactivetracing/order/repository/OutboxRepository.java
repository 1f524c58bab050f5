package dev.reactivetracing.order.repository;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.order.service.OrderCreatedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OutboxRepository {

    static final SqlStatement INSERT = new SqlStatement("INSERT", "outbox", """
            INSERT INTO outbox (event_id, event_type, aggregate_id, payload, traceparent, tracestate)
            VALUES ($1, $2, $3, $4, $5, $6)""");

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
        return sql.execute(client, INSERT, Tuple.from(java.util.Arrays.asList(event.eventId(), OrderCreatedEvent.TYPE,
                event.orderId(), payload, traceContext.get("traceparent"), traceContext.get("tracestate"))))
                .replaceWithVoid();
    }
}
