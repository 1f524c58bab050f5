package dev.reactivetracing.devservices.postgresql.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which PostgreSQL the Dev Service of a {@code postgresql} datasource starts. Everything else about it (port, user,
 * password, database name, init scripts, ...) is Quarkus' own {@code quarkus.datasource.devservices.*} configuration.
 */
@ConfigMapping(prefix = "quarkus.postgresql-devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface PostgresqlDevServicesBuildTimeConfig {

    /**
     * Where the PostgreSQL of the Dev Service runs: {@code auto} starts a container when a container runtime (Docker
     * or Podman) is available and an embedded PostgreSQL otherwise; {@code container} always uses a container, as
     * Quarkus does without this extension (and fails in tests when no container runtime is available);
     * {@code embedded} never uses one.
     */
    @WithDefault("auto")
    Provider provider();

    enum Provider {
        /**
         * A container when a container runtime is available, else an embedded PostgreSQL.
         */
        AUTO,
        /**
         * Always Quarkus' PostgreSQL container (Testcontainers).
         */
        CONTAINER,
        /**
         * Always an embedded PostgreSQL: a real PostgreSQL server started from a Maven artifact, no container
         * runtime needed.
         */
        EMBEDDED
    }
}
