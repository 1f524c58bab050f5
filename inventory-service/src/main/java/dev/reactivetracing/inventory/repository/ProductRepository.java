package dev.reactivetracing.inventory.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.sql.SqlStatement;
import dev.reactivetracing.commons.sql.TracedSql;
import dev.reactivetracing.inventory.model.Product;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ProductRepository {

    static final SqlStatement INSERT = new SqlStatement("INSERT", "product", """
            INSERT INTO product (id, name, price_cents, stock) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO NOTHING
            RETURNING id, name, price_cents, stock""");
    static final SqlStatement FIND_BY_ID = new SqlStatement("SELECT", "product",
            "SELECT id, name, price_cents, stock FROM product WHERE id = $1");
    static final SqlStatement LIST_PAGE = new SqlStatement("SELECT", "product",
            "SELECT id, name, price_cents, stock FROM product ORDER BY id LIMIT $1 OFFSET $2");
    static final SqlStatement ADD_STOCK = new SqlStatement("UPDATE", "product", """
            UPDATE product SET stock = stock + $2, updated_at = now()
            WHERE id = $1 AND stock::bigint + $2 <= $3
            RETURNING id, name, price_cents, stock""");
    static final SqlStatement STOCK_OF = new SqlStatement("SELECT", "product",
            "SELECT id, stock FROM product WHERE id = ANY($1)");
    /** Locks in id order, so that two reservations sharing products can never deadlock. */
    static final SqlStatement LOCK_FOR_RESERVATION = new SqlStatement("SELECT", "product", """
            SELECT id, name, price_cents, stock FROM product WHERE id = ANY($1) ORDER BY id FOR UPDATE""");
    /** Conditional: a line whose stock is short is not updated, so the caller can see the update count fall short. */
    static final SqlStatement TAKE_STOCK = new SqlStatement("UPDATE", "product", """
            UPDATE product AS p SET stock = p.stock - line.quantity, updated_at = now()
            FROM unnest($1::text[], $2::int[]) AS line (product_id, quantity)
            WHERE p.id = line.product_id AND p.stock >= line.quantity""");
    static final SqlStatement LOCK_PRODUCTS_OF_RESERVATIONS = new SqlStatement("SELECT", "product", """
            SELECT id FROM product
            WHERE id IN (SELECT product_id FROM reservation_item WHERE reservation_id = ANY($1))
            ORDER BY id FOR UPDATE""");
    static final SqlStatement RETURN_STOCK_OF_RESERVATIONS = new SqlStatement("UPDATE", "product", """
            UPDATE product AS p SET stock = p.stock + held.quantity, updated_at = now()
            FROM (SELECT product_id, sum(quantity) AS quantity FROM reservation_item
                  WHERE reservation_id = ANY($1) GROUP BY product_id) AS held
            WHERE p.id = held.product_id""");

    private final TracedSql sql;

    public ProductRepository(TracedSql sql) {
        this.sql = sql;
    }

    /** The new product, or empty if the id is taken. */
    public Uni<Optional<Product>> insert(SqlClient client, Product product) {
        return sql.execute(client, INSERT,
                Tuple.of(product.id(), product.name(), product.priceCents(), product.stock()))
                .map(ProductRepository::firstProduct);
    }

    public Uni<Optional<Product>> findById(SqlClient client, String id) {
        return sql.execute(client, FIND_BY_ID, Tuple.of(id)).map(ProductRepository::firstProduct);
    }

    public Uni<List<Product>> listPage(SqlClient client, int limit, int offset) {
        return sql.execute(client, LIST_PAGE, Tuple.of(limit, offset)).map(ProductRepository::products);
    }

    /** The product with its new stock, or empty if it does not exist or would exceed {@code maximumStock}. */
    public Uni<Optional<Product>> addStock(SqlClient client, String id, int quantity, int maximumStock) {
        return sql.execute(client, ADD_STOCK, Tuple.of(id, quantity, (long) maximumStock))
                .map(ProductRepository::firstProduct);
    }

    public Uni<Map<String, Integer>> stockOf(SqlClient client, Collection<String> ids) {
        return sql.execute(client, STOCK_OF, Tuple.tuple().addArrayOfString(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> stockById = new java.util.TreeMap<>();
                    for (Row row : rows) {
                        stockById.put(row.getString("id"), row.getInteger("stock"));
                    }
                    return stockById;
                });
    }

    /** Locks the rows of the given products for the rest of the transaction and returns them. */
    public Uni<List<Product>> lockForReservation(SqlClient client, Collection<String> ids) {
        return sql.execute(client, LOCK_FOR_RESERVATION, Tuple.tuple().addArrayOfString(ids.toArray(String[]::new)))
                .map(ProductRepository::products);
    }

    /** Takes the quantities from stock where there is enough; returns how many products were updated. */
    public Uni<Integer> takeStock(SqlClient client, List<String> productIds, List<Integer> quantities) {
        return sql.execute(client, TAKE_STOCK, Tuple.tuple()
                .addArrayOfString(productIds.toArray(String[]::new))
                .addArrayOfInteger(quantities.toArray(Integer[]::new)))
                .map(RowSet::rowCount);
    }

    /**
     * Puts back the stock held by reservations (one released, or many expired); locks the products first, in id
     * order, like every other path that changes stock.
     */
    public Uni<Integer> returnStockOfReservations(SqlClient client, List<UUID> reservationIds) {
        Tuple ids = Tuple.tuple().addArrayOfUUID(reservationIds.toArray(UUID[]::new));
        return sql.execute(client, LOCK_PRODUCTS_OF_RESERVATIONS, ids)
                .flatMap(locked -> sql.execute(client, RETURN_STOCK_OF_RESERVATIONS, ids))
                .map(RowSet::rowCount);
    }

    private static Optional<Product> firstProduct(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(toProduct(iterator.next())) : Optional.empty();
    }

    private static List<Product> products(RowSet<Row> rows) {
        List<Product> products = new ArrayList<>(rows.size());
        for (Row row : rows) {
            products.add(toProduct(row));
        }
        return products;
    }

    private static Product toProduct(Row row) {
        return new Product(row.getString("id"), row.getString("name"), row.getLong("price_cents"),
                row.getInteger("stock"));
    }
}
