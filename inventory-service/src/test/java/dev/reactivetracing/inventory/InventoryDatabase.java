package dev.reactivetracing.inventory;

import java.util.UUID;

import dev.reactivetracing.testing.ApplicationDatabase;

/**
 * Helpers the tests use to look at the database directly: the one the Dev Service started for the application under
 * test (an embedded PostgreSQL named {@value #NAME}, see application.properties), found through its configuration.
 */
public final class InventoryDatabase {

    public static final String NAME = "inventory";

    private InventoryDatabase() {
    }

    /** A product id no other test uses. */
    public static String newProductId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static int stockOf(String productId) {
        return ApplicationDatabase.count("SELECT stock FROM product WHERE id = '" + productId + "'");
    }

    public static int count(String sql) {
        return ApplicationDatabase.count(sql);
    }
}
