package dev.reactivetracing.order;

import java.nio.file.Path;
import java.time.Duration;

import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * The real inventory-service, packaged by the reactor before these tests run, started once per test JVM as its own
 * process with its own database on the run's embedded PostgreSQL.
 */
public final class InventoryServiceProcess {

    public static final String DATABASE = "inventory";

    private static ServiceProcess inventory;

    private InventoryServiceProcess() {
    }

    public static synchronized ServiceProcess shared() {
        if (inventory == null || !inventory.isAlive()) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
            postgres.createDatabase(DATABASE);
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
            ServiceProcess started = inventory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(Duration.ofSeconds(10)),
                    "inventory-service-stop"));
        }
        return inventory;
    }
}
