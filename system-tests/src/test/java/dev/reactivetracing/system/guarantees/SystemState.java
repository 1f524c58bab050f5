package dev.reactivetracing.system.guarantees;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.reactivetracing.system.RunningSystem;

/** What the system's databases hold, asked directly with SQL: the ground truth the guarantees are checked against. */
final class SystemState {

    private SystemState() {
    }

    static int ordersOf(RunningSystem system, String customerId) {
        return count(system, system.orderDatabase(),
                "SELECT count(*) FROM customer_order WHERE customer_id = '" + customerId + "'");
    }

    /** Reservations of the product still holding stock without an order having confirmed them. */
    static int heldReservations(RunningSystem system, String productId) {
        return count(system, system.inventoryDatabase(), """
                SELECT count(*) FROM reservation r JOIN reservation_item i ON i.reservation_id = r.id
                WHERE i.product_id = '%s' AND r.status = 'RESERVED'""".formatted(productId));
    }

    static int stockOf(RunningSystem system, String productId) {
        return count(system, system.inventoryDatabase(),
                "SELECT stock FROM product WHERE id = '" + productId + "'");
    }

    /** Units of the product in confirmed or pending reservations: what inventory-service has let go of. */
    static int unitsReserved(RunningSystem system, String productId) {
        return count(system, system.inventoryDatabase(), """
                SELECT coalesce(sum(i.quantity), 0) FROM reservation r JOIN reservation_item i ON i.reservation_id = r.id
                WHERE i.product_id = '%s' AND r.status IN ('RESERVED', 'CONFIRMED')""".formatted(productId));
    }

    /** Units of the product in stored orders. */
    static int unitsOrdered(RunningSystem system, String productId) {
        return count(system, system.orderDatabase(), """
                SELECT coalesce(sum(quantity), 0) FROM order_item WHERE product_id = '%s'""".formatted(productId));
    }

    /** One digest of every row of every table of both databases: equal digests, unchanged data. */
    static String digest(RunningSystem system) {
        return digestOf(system, system.inventoryDatabase(), "product", "reservation", "reservation_item") + "/"
                + digestOf(system, system.orderDatabase(), "customer", "customer_order", "order_item", "outbox",
                        "order_attempt");
    }

    private static String digestOf(RunningSystem system, String database, String... tables) {
        return system.postgres.queryForString(database, Arrays.stream(tables)
                .map(table -> "(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + table
                        + " t)")
                .collect(Collectors.joining(" || ", "SELECT ", "")));
    }

    static int count(RunningSystem system, String database, String sql) {
        return Integer.parseInt(system.postgres.queryForString(database, sql));
    }
}
