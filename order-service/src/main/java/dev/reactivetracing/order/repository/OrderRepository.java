package dev.reactivetracing.order.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.order.model.Order;
import dev.reactivetracing.order.model.OrderItem;
import dev.reactivetracing.order.model.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OrderRepository {

    /**
     * Inserts the order; its attempt, without an Idempotency-Key, goes in the same statement (one with a key stays, as
     * the record that the key was used).
     */
    static final SqlStatement INSERT = new SqlStatement("INSERT", "customer_order", """
            WITH attempt_done AS (DELETE FROM order_attempt WHERE order_id = $1 AND idempotency_key IS NULL)
            INSERT INTO customer_order
                (id, customer_id, status, total_cents, reservation_id, idempotency_key, request_fingerprint)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING created_at""");
    static final SqlStatement INSERT_ITEMS = new SqlStatement("INSERT", "order_item", """
            INSERT INTO order_item (order_id, product_id, quantity, unit_price_cents)
            SELECT $1, item.product_id, item.quantity, item.unit_price_cents
            FROM unnest($2::text[], $3::int[], $4::bigint[]) AS item (product_id, quantity, unit_price_cents)""");
    private static final String SELECT_WITH_ITEMS = """
            SELECT o.id, o.customer_id, o.status, o.total_cents, o.reservation_id, o.created_at,
                   i.product_id, i.quantity, i.unit_price_cents
            FROM customer_order o JOIN order_item i ON i.order_id = o.id
            """;
    static final SqlStatement FIND_BY_ID = new SqlStatement("SELECT", "customer_order",
            SELECT_WITH_ITEMS + "WHERE o.id = $1 ORDER BY i.product_id");
    /** A page of a customer's orders, newest first, with their items. */
    static final SqlStatement FIND_PAGE_BY_CUSTOMER = new SqlStatement("SELECT", "customer_order", """
            WITH page AS (
                SELECT id FROM customer_order WHERE customer_id = $1
                ORDER BY created_at DESC, id LIMIT $2 OFFSET $3)
            """ + SELECT_WITH_ITEMS + """
            WHERE o.id IN (SELECT id FROM page) ORDER BY o.created_at DESC, o.id, i.product_id""");
    static final SqlStatement MARK_CANCELLED = new SqlStatement("UPDATE", "customer_order", """
            UPDATE customer_order SET status = 'CANCELLED', updated_at = now()
            WHERE id = $1 AND status = 'CREATED'""");

    /** The unique index on (customer_id, idempotency_key). */
    public static final String IDEMPOTENCY_KEY_CONSTRAINT = "customer_order_idempotency_key";
    /** The order id. */
    public static final String PRIMARY_KEY_CONSTRAINT = "customer_order_pkey";

    private final TracedSql sql;

    public OrderRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** Inserts the order row and its items; the caller's transaction makes them one. */
    public Uni<Order> insert(SqlClient client, Order order, String idempotencyKey, String requestFingerprint) {
        return sql.execute(client, INSERT, Tuple.from(List.of(order.id(), order.customerId(), order.status().name(),
                order.totalCents(), order.reservationId())).addString(idempotencyKey).addString(requestFingerprint))
                .call(ignored -> sql.execute(client, INSERT_ITEMS, Tuple.tuple()
                        .addUUID(order.id())
                        .addArrayOfString(order.items().stream().map(OrderItem::productId).toArray(String[]::new))
                        .addArrayOfInteger(order.items().stream().map(OrderItem::quantity).toArray(Integer[]::new))
                        .addArrayOfLong(
                                order.items().stream().map(OrderItem::unitPriceCents).toArray(Long[]::new))))
                .map(rows -> new Order(order.id(), order.customerId(), order.status(), order.totalCents(),
                        order.reservationId(), order.items(), rows.iterator().next().getOffsetDateTime("created_at")));
    }

    public Uni<Optional<Order>> findById(SqlClient client, UUID id) {
        return sql.execute(client, FIND_BY_ID, Tuple.of(id)).map(rows -> first(toOrders(rows)));
    }

    public Uni<List<Order>> findPageByCustomer(SqlClient client, UUID customerId, int limit, int offset) {
        return sql.execute(client, FIND_PAGE_BY_CUSTOMER, Tuple.of(customerId, limit, offset))
                .map(OrderRepository::toOrders);
    }

    /** True if this call cancelled it; false if it was not CREATED (already cancelled, or unknown). */
    public Uni<Boolean> markCancelled(SqlClient client, UUID id) {
        return sql.execute(client, MARK_CANCELLED, Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    private static Optional<Order> first(List<Order> orders) {
        return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
    }

    /** Folds the order-with-item rows (ordered by order) into orders. */
    private static List<Order> toOrders(RowSet<Row> rows) {
        Map<UUID, Row> orderRows = new LinkedHashMap<>();
        Map<UUID, List<OrderItem>> itemsByOrder = new LinkedHashMap<>();
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            orderRows.putIfAbsent(id, row);
            itemsByOrder.computeIfAbsent(id, ignored -> new ArrayList<>()).add(new OrderItem(
                    row.getString("product_id"), row.getInteger("quantity"), row.getLong("unit_price_cents")));
        }
        List<Order> orders = new ArrayList<>(orderRows.size());
        orderRows.forEach((id, row) -> orders.add(new Order(id, row.getUUID("customer_id"),
                OrderStatus.valueOf(row.getString("status")), row.getLong("total_cents"),
                row.getUUID("reservation_id"), List.copyOf(itemsByOrder.get(id)),
                row.getOffsetDateTime("created_at"))));
        return orders;
    }
}
