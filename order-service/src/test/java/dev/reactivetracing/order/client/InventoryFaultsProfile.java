package dev.reactivetracing.order.client;

import java.util.HashMap;
import java.util.Map;

import dev.reactivetracing.order.InventoryServiceProcess;
import dev.reactivetracing.testing.http.FaultInjectingProxy;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * order-service talks to inventory-service through a {@link FaultInjectingProxy}, with short limits so that timeouts
 * and an opening circuit take milliseconds, not seconds. The production limits are proven by the guarantees suite
 * (system-tests), which runs the packaged services with them.
 */
public class InventoryFaultsProfile implements QuarkusTestProfile {

    public static final String RESERVATIONS = "/api/inventory/reservations";
    public static final String EVENTS = "/api/inventory/events";
    public static final int TIMEOUT_MILLIS = 300;
    public static final int CIRCUIT_REQUEST_VOLUME = 6;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("quarkus.rest-client.inventory.url",
                FaultInjectingProxy.shared(() -> InventoryServiceProcess.shared().baseUrl()).baseUrl());
        for (String call : new String[] { "reserve", "release" }) {
            String policy = "orders.inventory." + call + ".";
            overrides.put(policy + "attempt-timeout", TIMEOUT_MILLIS + "ms");
            overrides.put(policy + "circuit-breaker.request-volume", Integer.toString(CIRCUIT_REQUEST_VOLUME));
            overrides.put(policy + "circuit-breaker.delay", "60s");
        }
        return overrides;
    }
}
