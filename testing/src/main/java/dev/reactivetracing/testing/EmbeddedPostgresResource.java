package dev.reactivetracing.testing;

import java.util.Map;

import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at its own database on the JVM's shared embedded PostgreSQL. The database
 * name is the resource argument {@code database} (default {@code app}).
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
        return DatasourceProperties.forDatabase(server, server.createDatabase(database));
    }

    @Override
    public void stop() {
        // The shared server stops with the JVM; other resources of this run may still use it.
    }
}
