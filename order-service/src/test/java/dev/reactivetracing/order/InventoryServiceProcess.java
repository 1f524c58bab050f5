package dev.reactivetracing.order;

import java.nio.file.Path;
import java.time.Duration;

import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * The real inventory-service, packaged by the reactor before these tests run, as its own process with its own
 * embedded PostgreSQL: started for a test run by {@link OrderServiceTestResources} and stopped at its end. In
 * continuous testing (dev mode) every run loads these classes afresh in the same JVM, so what a run starts, it stops.
 */
public final class InventoryServiceProcess {

    public static final String DATABASE = "inventory";

    private static EmbeddedPostgresServer postgres;
    private static ServiceProcess inventory;

    private InventoryServiceProcess() {
    }

    public static synchronized ServiceProcess shared() {
        if (inventory == null || !inventory.isAlive()) {
            postgres();
            inventory = ServiceProcess.forJar(Path.of(System.getProperty("inventory-service.jar",
                    "../inventory-service/target/quarkus-app/quarkus-run.jar")))
                    .name("inventory-service")
                    .environment(DatasourceProperties.asEnvironment(postgres, DATABASE))
                    .environment("QUARKUS_PROFILE", "prod")
                    // Nobody collects its spans in these tests (the cross-process tests do).
                    .environment("QUARKUS_OTEL_SDK_DISABLED", "true")
                    .logFile(Path.of(System.getProperty("inventory-service.log-dir", "target"),
                            "inventory-service.log"))
                    .start();
        }
        return inventory;
    }

    /** inventory-service's PostgreSQL server (its database: {@link #DATABASE}), for tests that look at its data. */
    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start();
            postgres.createDatabase(DATABASE);
        }
        return postgres;
    }

    /** Stops the process and its database, if they run. */
    public static synchronized void stop() {
        if (inventory != null) {
            inventory.stop(Duration.ofSeconds(10));
            inventory = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
