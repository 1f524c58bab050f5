package dev.reactivetracing.order;

import java.util.HashMap;
import java.util.Map;

import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What every order-service test runs against: database {@code orders} on the run's embedded PostgreSQL and the real
 * inventory-service. Fault tests put a {@code dev.reactivetracing.testing.http.FaultInjectingProxy} in between through their test profile.
 */
public class OrderServiceTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "orders";

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
        Map<String, String> properties = new HashMap<>(
                DatasourceProperties.forDatabase(postgres, postgres.createDatabase(DATABASE)));
        properties.put("quarkus.rest-client.inventory.url", InventoryServiceProcess.shared().baseUrl());
        return properties;
    }

    @Override
    public void stop() {
        // The inventory process and the database server serve every test profile of the run; they stop with the JVM.
    }
}
