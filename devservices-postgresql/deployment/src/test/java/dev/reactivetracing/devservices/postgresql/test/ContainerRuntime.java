package dev.reactivetracing.devservices.postgresql.test;

import org.testcontainers.DockerClientFactory;

/** For tests that only hold on a machine without a container runtime (as Quarkus' DockerStatusBuildItem sees it). */
final class ContainerRuntime {

    private ContainerRuntime() {
    }

    static boolean isAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
