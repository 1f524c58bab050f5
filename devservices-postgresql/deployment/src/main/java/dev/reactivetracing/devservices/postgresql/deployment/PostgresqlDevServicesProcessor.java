package dev.reactivetracing.devservices.postgresql.deployment;

import io.quarkus.datasource.common.runtime.DatabaseKind;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceProviderBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ConsoleCommandBuildItem;
import io.quarkus.deployment.builditem.DevServicesComposeProjectBuildItem;
import io.quarkus.deployment.builditem.DevServicesLauncherConfigResultBuildItem;
import io.quarkus.deployment.builditem.DockerStatusBuildItem;

/**
 * Takes the place of quarkus-devservices-postgresql's PostgresqlDevServicesProcessor (excluded from the application
 * model by this extension's descriptor): the same two build steps, with a provider that picks the container or an
 * embedded PostgreSQL. Like the original, neither step is conditional: Quarkus runs them only where their build items
 * are consumed, which DevServicesDatasourceProcessor does in dev and test mode with Dev Services enabled.
 */
class PostgresqlDevServicesProcessor {

    @BuildStep
    ConsoleCommandBuildItem psqlCommand(DevServicesLauncherConfigResultBuildItem devServices) {
        return new ConsoleCommandBuildItem(new PostgresCommand(devServices));
    }

    @BuildStep
    DevServicesDatasourceProviderBuildItem setupPostgres(PostgresqlDevServicesBuildTimeConfig config,
            DockerStatusBuildItem dockerStatus, DevServicesComposeProjectBuildItem composeProject) {
        return new DevServicesDatasourceProviderBuildItem(DatabaseKind.POSTGRESQL,
                new PostgresqlProviderSelector(config.provider(), dockerStatus, composeProject));
    }
}
