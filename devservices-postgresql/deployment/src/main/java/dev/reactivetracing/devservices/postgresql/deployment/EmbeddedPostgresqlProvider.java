package dev.reactivetracing.devservices.postgresql.deployment;

import static io.quarkus.datasource.deployment.spi.DatabaseDefaultSetupConfig.DEFAULT_DATABASE_NAME;
import static io.quarkus.datasource.deployment.spi.DatabaseDefaultSetupConfig.DEFAULT_DATABASE_PASSWORD;
import static io.quarkus.datasource.deployment.spi.DatabaseDefaultSetupConfig.DEFAULT_DATABASE_USERNAME;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.datasource.deployment.spi.DatasourceStartable;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceContainerConfig;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceProvider;
import io.quarkus.deployment.builditem.DevServicesComposeProjectBuildItem;
import io.quarkus.runtime.LaunchMode;

/**
 * Dev Services for PostgreSQL without a container: an {@link EmbeddedPostgresqlServer} per datasource, set up from the
 * same {@code quarkus.datasource.devservices.*} keys and defaults as Quarkus' container.
 */
final class EmbeddedPostgresqlProvider implements DevServicesDatasourceProvider {

    /** The owner Quarkus files the Dev Service under; not the container's, so switching providers restarts it. */
    static final String FEATURE = "embedded-postgresql";

    private final String choiceReason;
    /**
     * Chosen by {@code auto} for want of a container runtime: then container settings are there for machines that
     * have one, and ignoring them here is expected rather than worth a warning.
     */
    private final boolean chosenAutomatically;

    EmbeddedPostgresqlProvider(String choiceReason, boolean chosenAutomatically) {
        this.choiceReason = choiceReason;
        this.chosenAutomatically = chosenAutomatically;
    }

    @Override
    public String getFeature() {
        return FEATURE;
    }

    @Override
    public boolean isDockerRequired() {
        return false;
    }

    @Override
    public DatasourceStartable createDatasourceStartable(Optional<String> username, Optional<String> password,
            String datasourceName, DevServicesDatasourceContainerConfig containerConfig, LaunchMode launchMode,
            boolean useSharedNetwork, Optional<Duration> startupTimeout) {
        // The container's defaults (ContainerPostgresqlProvider), so that switching providers changes nothing else.
        String effectiveUsername = containerConfig.getUsername().orElse(username.orElse(DEFAULT_DATABASE_USERNAME));
        String effectivePassword = containerConfig.getPassword().orElse(password.orElse(DEFAULT_DATABASE_PASSWORD));
        String effectiveDbName = containerConfig.getDbName().orElse(
                DataSourceUtil.isDefault(datasourceName) ? DEFAULT_DATABASE_NAME : datasourceName);

        return new EmbeddedPostgresqlServer(new EmbeddedPostgresqlServer.Setup(
                DataSourceUtil.isDefault(datasourceName) ? "default datasource" : "datasource " + datasourceName,
                effectiveUsername, effectivePassword, effectiveDbName,
                containerConfig.getFixedExposedPort(),
                EmbeddedServerSettings.from(containerConfig.getCommand()),
                containerConfig.getAdditionalJdbcUrlProperties(),
                containerConfig.getInitScriptPath().orElse(List.of()),
                containerConfig.isShowLogs(),
                startupTimeout,
                choiceReason,
                chosenAutomatically ? List.of() : ignoredContainerSettings(containerConfig, useSharedNetwork)));
    }

    /** No compose project can hold the embedded server; a compose-started PostgreSQL is the container provider's. */
    @Override
    public Optional<RunningDevServicesDatasource> findRunningComposeDatasource(LaunchMode launchMode,
            boolean useSharedNetwork, DevServicesDatasourceContainerConfig containerConfig,
            DevServicesComposeProjectBuildItem composeProjectBuildItem) {
        return Optional.empty();
    }

    private static List<String> ignoredContainerSettings(DevServicesDatasourceContainerConfig config,
            boolean useSharedNetwork) {
        List<String> ignored = new ArrayList<>();
        config.getImageName().ifPresent(image -> ignored.add("image-name"));
        if (!config.getContainerEnv().isEmpty()) {
            ignored.add("container-env");
        }
        if (!config.getContainerProperties().isEmpty()) {
            ignored.add("container-properties");
        }
        if (!config.getVolumes().isEmpty()) {
            ignored.add("volumes");
        }
        // Quarkus' PostgreSQL container ignores it as well: its user is a superuser already.
        config.getInitPrivilegedScriptPath().ifPresent(scripts -> ignored.add("init-privileged-script-path"));
        if (useSharedNetwork) {
            // Containers on the shared network cannot reach a server on this machine's loopback interface.
            ignored.add("the shared container network");
        }
        return ignored;
    }
}
