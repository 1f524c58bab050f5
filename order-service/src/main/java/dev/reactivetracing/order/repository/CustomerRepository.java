package dev.reactivetracing.order.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.order.model.Customer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class CustomerRepository {

    static final SqlStatement INSERT = new SqlStatement("INSERT", "customer", """
            INSERT INTO customer (id, name, email) VALUES ($1, $2, $3)
            ON CONFLICT ((lower(email))) DO NOTHING
            RETURNING id, name, email, created_at""");
    static final SqlStatement FIND_BY_ID = new SqlStatement("SELECT", "customer",
            "SELECT id, name, email, created_at FROM customer WHERE id = $1");
    static final SqlStatement EXISTS = new SqlStatement("SELECT", "customer",
            "SELECT EXISTS (SELECT 1 FROM customer WHERE id = $1) AS found");
    static final SqlStatement DELETE_WITHOUT_ORDERS = new SqlStatement("DELETE", "customer", """
            DELETE FROM customer WHERE id = $1
            AND NOT EXISTS (SELECT 1 FROM customer_order WHERE customer_id = $1)""");

    private final TracedSql sql;

    public CustomerRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** The new customer, or empty if the e-mail address is taken. */
    public Uni<Optional<Customer>> insert(SqlClient client, UUID id, String name, String email) {
        return sql.execute(client, INSERT, Tuple.of(id, name, email)).map(CustomerRepository::first);
    }

    public Uni<Optional<Customer>> findById(SqlClient client, UUID id) {
        return sql.execute(client, FIND_BY_ID, Tuple.of(id)).map(CustomerRepository::first);
    }

    public Uni<Boolean> exists(SqlClient client, UUID id) {
        return sql.execute(client, EXISTS, Tuple.of(id)).map(rows -> rows.iterator().next().getBoolean("found"));
    }

    /** True if deleted; false if it does not exist or has orders. */
    public Uni<Boolean> deleteIfWithoutOrders(SqlClient client, UUID id) {
        return sql.execute(client, DELETE_WITHOUT_ORDERS, Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    private static Optional<Customer> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return Optional.empty();
        }
        Row row = iterator.next();
        return Optional.of(new Customer(row.getUUID("id"), row.getString("name"), row.getString("email"),
                row.getOffsetDateTime("created_at")));
    }
}
