package dev.reactivetracing.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.testing.http.FaultInjectingProxy;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;

/**
 * Both services as packaged processes, each with its own database on the run's embedded PostgreSQL, exporting
 * OTLP/HTTP to a receiver in the test. order-service reaches inventory-service through a proxy that records what it
 * sends (and can slow it down).
 */
public final class RunningSystem implements AutoCloseable {

    public static final String INVENTORY = "inventory-service";
    public static final String ORDER = "order-service";

    public final String name;
    private final Map<String, String> bothServices;
    public final EmbeddedPostgresServer postgres;
    public final OtlpHttpReceiver receiver = OtlpHttpReceiver.start(0);
    public final ServiceProcess inventory;
    public final FaultInjectingProxy proxy;
    public final ServiceProcess order;

    private RunningSystem(String name, EmbeddedPostgresServer postgres, Map<String, String> bothServices,
            Map<String, String> orderOnly) {
        this.name = name;
        this.postgres = postgres;
        this.bothServices = Map.copyOf(bothServices);
        this.inventory = start(INVENTORY, inventoryDatabase(), bothServices, Map.of());
        this.proxy = FaultInjectingProxy.to(inventory::baseUrl);
        Map<String, String> orderEnvironment = new HashMap<>(orderOnly);
        orderEnvironment.put("QUARKUS_REST_CLIENT_INVENTORY_URL", proxy.baseUrl());
        this.order = start(ORDER, orderDatabase(), bothServices, orderEnvironment);
    }

    /**
     * Starts a system named {@code name} (its databases are {@code <name>_inventory} and {@code <name>_orders}) with
     * extra environment for both services and for order-service only.
     */
    public static RunningSystem start(String name, Map<String, String> bothServices,
            Map<String, String> orderOnly) {
        return new RunningSystem(name, EmbeddedPostgresServer.shared(), bothServices, orderOnly);
    }

    /** As {@link #start(String, Map, Map)}, on a PostgreSQL server of the caller's (which it may stop and restart). */
    public static RunningSystem start(String name, EmbeddedPostgresServer postgres, Map<String, String> bothServices,
            Map<String, String> orderOnly) {
        return new RunningSystem(name, postgres, bothServices, orderOnly);
    }

    public String orderDatabase() {
        return name + "_orders";
    }

    public String inventoryDatabase() {
        return name + "_inventory";
    }

    /** Another order-service instance, configured as the first one plus {@code orderOnly}. */
    public ServiceProcess startAnotherOrderService(Map<String, String> orderOnly) {
        Map<String, String> orderEnvironment = new HashMap<>(orderOnly);
        orderEnvironment.putIfAbsent("QUARKUS_REST_CLIENT_INVENTORY_URL", proxy.baseUrl());
        return start(ORDER, orderDatabase(), bothServices, orderEnvironment);
    }

    private ServiceProcess start(String service, String database, Map<String, String> bothServices,
            Map<String, String> serviceOnly) {
        postgres.createDatabase(database);
        Map<String, String> environment = new HashMap<>(DatasourceProperties.asEnvironment(postgres, database));
        environment.put("QUARKUS_PROFILE", "prod");
        environment.put("TRACING_ENVIRONMENT", "system-test");
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        // Short export intervals so that tests do not wait; production keeps the defaults.
        environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        environment.put("QUARKUS_OTEL_METRIC_EXPORT_INTERVAL", "500ms");
        // No load balancer to drain: stop at once (tests of the shutdown sequence set the delay back).
        environment.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        environment.putAll(bothServices);
        environment.putAll(serviceOnly);
        return ServiceProcess.forJar(Path.of(System.getProperty(service + ".jar")))
                .name(service)
                .environment(environment)
                .logFile(Path.of(System.getProperty("service-logs.dir", "target/service-logs"),
                        name + "-" + service + "-" + System.nanoTime() + ".log"))
                .start();
    }

    @Override
    public void close() {
        order.stop(Duration.ofSeconds(30));
        inventory.stop(Duration.ofSeconds(30));
        proxy.close();
        receiver.close();
    }
}
