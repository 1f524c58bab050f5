package dev.reactivetracing.inventory;

import java.util.UUID;

import dev.reactivetracing.testing.EmbeddedPostgresResource;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against database {@code inventory} of the run's embedded PostgreSQL; this class holds
 * the (global) test resource declaration and the helpers tests use to look at the database directly.
 */
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = InventoryDatabase.NAME))
public final class InventoryDatabase {

    public static final String NAME = "inventory";

    private InventoryDatabase() {
    }

    /** A product id no other test uses. */
    public static String newProductId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static int stockOf(String productId) {
        return Integer.parseInt(
                EmbeddedPostgresServer.shared().queryForString(NAME,
                        "SELECT stock FROM product WHERE id = '" + productId + "'"));
    }

    public static int count(String sql) {
        return Integer.parseInt(EmbeddedPostgresServer.shared().queryForString(NAME, sql));
    }
}
