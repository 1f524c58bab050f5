package dev.reactivetracing.order;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What every order-service test runs against besides its own database (a Dev Service): the real inventory-service,
 * packaged, as a process. Fault tests put a {@code dev.reactivetracing.testing.http.FaultInjectingProxy} in between
 * through their test profile.
 */
public class OrderServiceTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.inventory.url", InventoryServiceProcess.shared().baseUrl());
    }

    @Override
    public void stop() {
        InventoryServiceProcess.stop();
    }
}
