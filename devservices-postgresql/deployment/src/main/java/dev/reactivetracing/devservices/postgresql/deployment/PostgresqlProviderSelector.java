package dev.reactivetracing.devservices.postgresql.deployment;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.reactivetracing.devservices.postgresql.deployment.PostgresqlDevServicesBuildTimeConfig.Provider;
import io.quarkus.datasource.deployment.spi.DatasourceStartable;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceContainerConfig;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceProvider;
import io.quarkus.deployment.builditem.DevServicesComposeProjectBuildItem;
import io.quarkus.deployment.builditem.DockerStatusBuildItem;
import io.quarkus.runtime.LaunchMode;

/**
 * The one provider for db-kind postgresql: the container or the embedded one, chosen on first use. Choosing late
 * matters: Quarkus asks a provider anything only once it knows a Dev Service must start (no datasource URL is
 * configured), so an application with a configured URL never pays for the container runtime check.
 */
final class PostgresqlProviderSelector implements DevServicesDatasourceProvider {

    private static final Logger LOG = Logger.getLogger(PostgresqlProviderSelector.class);
    private static final String PROPERTY = "quarkus.postgresql-devservices.provider";

    /** The last choice announced: a dev mode restart chooses again, but says so only when the choice changes. */
    private static final AtomicReference<String> lastAnnouncement = new AtomicReference<>();

    private final Provider configured;
    private final DockerStatusBuildItem dockerStatus;
    private final DevServicesComposeProjectBuildItem composeProject;
    private DevServicesDatasourceProvider chosen;

    PostgresqlProviderSelector(Provider configured, DockerStatusBuildItem dockerStatus,
            DevServicesComposeProjectBuildItem composeProject) {
        this.configured = configured;
        this.dockerStatus = dockerStatus;
        this.composeProject = composeProject;
    }

    private synchronized DevServicesDatasourceProvider chosen() {
        if (chosen == null) {
            chosen = choose();
        }
        return chosen;
    }

    private DevServicesDatasourceProvider choose() {
        return switch (configured) {
            case CONTAINER -> container(PROPERTY + "=container");
            case EMBEDDED -> embedded(PROPERTY + "=embedded", false);
            case AUTO -> dockerStatus.isContainerRuntimeAvailable()
                    ? container("a container runtime is available; set " + PROPERTY
                            + "=embedded to run PostgreSQL without one")
                    : embedded("no container runtime found; set " + PROPERTY + "=container to require one", true);
        };
    }

    private DevServicesDatasourceProvider container(String reason) {
        announce("Dev Services for PostgreSQL: a PostgreSQL container (" + reason + ")");
        return new ContainerPostgresqlProvider(composeProject);
    }

    private DevServicesDatasourceProvider embedded(String reason, boolean automatically) {
        announce("Dev Services for PostgreSQL: embedded PostgreSQL (" + reason + ")");
        return new EmbeddedPostgresqlProvider(reason, automatically);
    }

    private static void announce(String choice) {
        if (!choice.equals(lastAnnouncement.getAndSet(choice))) {
            LOG.info(choice);
        } else {
            LOG.debug(choice);
        }
    }

    @Override
    public boolean isDockerRequired() {
        return chosen().isDockerRequired();
    }

    @Override
    public String getFeature() {
        return chosen().getFeature();
    }

    @Override
    public DatasourceStartable createDatasourceStartable(Optional<String> username, Optional<String> password,
            String datasourceName, DevServicesDatasourceContainerConfig containerConfig, LaunchMode launchMode,
            boolean useSharedNetwork, Optional<Duration> startupTimeout) {
        return chosen().createDatasourceStartable(username, password, datasourceName, containerConfig, launchMode,
                useSharedNetwork, startupTimeout);
    }

    @Override
    public Optional<RunningDevServicesDatasource> findRunningComposeDatasource(LaunchMode launchMode,
            boolean useSharedNetwork, DevServicesDatasourceContainerConfig containerConfig,
            DevServicesComposeProjectBuildItem composeProjectBuildItem) {
        return chosen().findRunningComposeDatasource(launchMode, useSharedNetwork, containerConfig,
                composeProjectBuildItem);
    }
}
