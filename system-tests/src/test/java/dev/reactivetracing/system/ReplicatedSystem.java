package dev.reactivetracing.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.testing.http.ReadinessBalancer;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;
import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.FreePorts;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * Replicas as production runs them: several inventory-service instances on one database behind a balancer that routes
 * to ready ones (a Kubernetes Service), and several order-service instances on their one database calling inventory
 * through it; all packaged processes in the prod profile, exporting to one OTLP receiver. Each instance keeps its port
 * across a kill and a restart, as a pod keeps its Service.
 */
public final class ReplicatedSystem implements AutoCloseable {

    public final String name;
    public final EmbeddedPostgresServer postgres;
    public final OtlpHttpReceiver receiver = OtlpHttpReceiver.start(0);
    public final ReadinessBalancer inventoryBalancer;
    private final Map<String, String> bothServices;
    private final Map<String, String> orderOnly;
    private final List<Instance> inventories = new ArrayList<>();
    private final List<Instance> orders = new ArrayList<>();

    /** One instance of a service: its fixed port, and the process running there now (null while it is down). */
    public final class Instance {
        private final String service;
        private final String database;
        private final int port;
        private final Map<String, String> environment;
        private volatile ServiceProcess process;

        private Instance(String service, String database, Map<String, String> environment) {
            this.service = service;
            this.database = database;
            this.port = FreePorts.find();
            this.environment = environment;
        }

        public String baseUrl() {
            return "http://localhost:" + port;
        }

        public int port() {
            return port;
        }

        public boolean isUp() {
            ServiceProcess running = process;
            return running != null && running.isAlive();
        }

        /** SIGKILL: no shutdown sequence, no flush, requests in flight get their connections reset. */
        public void kill() {
            ServiceProcess running = process;
            process = null;
            if (running != null) {
                running.handle().destroyForcibly();
                running.handle().onExit().join();
            }
        }

        /** Starts it (again), on its port; returns once it is ready. */
        public void start() {
            Map<String, String> variables = new HashMap<>(DatasourceProperties.asEnvironment(postgres, database));
            variables.put("QUARKUS_PROFILE", "prod");
            variables.put("TRACING_ENVIRONMENT", "system-test");
            variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
            variables.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
            variables.put("QUARKUS_SHUTDOWN_DELAY", "0s");
            variables.putAll(environment);
            process = ServiceProcess.forJar(Path.of(System.getProperty(service + ".jar")))
                    .name(service)
                    .port(port)
                    .environment(variables)
                    .logFile(Path.of(System.getProperty("service-logs.dir", "target/service-logs"),
                            name + "-" + service + "-" + port + "-" + System.nanoTime() + ".log"))
                    .start();
        }

        void stop() {
            ServiceProcess running = process;
            process = null;
            if (running != null) {
                running.stop(Duration.ofSeconds(30));
            }
        }

        @Override
        public String toString() {
            return service + ":" + port;
        }
    }

    private ReplicatedSystem(String name, int inventoryReplicas, int orderReplicas, Map<String, String> bothServices,
            Map<String, String> orderOnly) {
        this.name = name;
        this.postgres = EmbeddedPostgresServer.shared();
        this.bothServices = Map.copyOf(bothServices);
        this.orderOnly = Map.copyOf(orderOnly);
        postgres.createDatabase(inventoryDatabase());
        postgres.createDatabase(orderDatabase());
        for (int replica = 0; replica < inventoryReplicas; replica++) {
            inventories.add(new Instance(RunningSystem.INVENTORY, inventoryDatabase(), this.bothServices));
        }
        // Both at once would race on the Flyway migration; in production they may (Flyway locks), but start times
        // here are measured per instance.
        inventories.forEach(Instance::start);
        this.inventoryBalancer = ReadinessBalancer.over(inventories.stream().map(Instance::port).toList());
        Map<String, String> orderEnvironment = new HashMap<>(this.bothServices);
        orderEnvironment.putAll(this.orderOnly);
        orderEnvironment.put("QUARKUS_REST_CLIENT_INVENTORY_URL", inventoryBalancer.baseUrl());
        for (int replica = 0; replica < orderReplicas; replica++) {
            orders.add(new Instance(RunningSystem.ORDER, orderDatabase(), Map.copyOf(orderEnvironment)));
        }
        orders.forEach(Instance::start);
    }

    public static ReplicatedSystem start(String name, int inventoryReplicas, int orderReplicas,
            Map<String, String> bothServices, Map<String, String> orderOnly) {
        return new ReplicatedSystem(name, inventoryReplicas, orderReplicas, bothServices, orderOnly);
    }

    public List<Instance> inventories() {
        return List.copyOf(inventories);
    }

    public List<Instance> orders() {
        return List.copyOf(orders);
    }

    public String orderDatabase() {
        return name + "_orders";
    }

    public String inventoryDatabase() {
        return name + "_inventory";
    }

    @Override
    public void close() {
        orders.forEach(Instance::stop);
        inventories.forEach(Instance::stop);
        inventoryBalancer.close();
        receiver.close();
    }
}
