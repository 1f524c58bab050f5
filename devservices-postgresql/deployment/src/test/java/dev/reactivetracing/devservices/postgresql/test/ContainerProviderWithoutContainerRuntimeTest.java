package dev.reactivetracing.devservices.postgresql.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * provider=container on a machine without a container runtime: the build fails as it does with Quarkus' own
 * PostgreSQL Dev Service, so the switch really selects the container.
 */
@DisabledIf(value = "dev.reactivetracing.devservices.postgresql.test.ContainerRuntime#isAvailable",
        disabledReason = "a container runtime is available: the container would start")
public class ContainerProviderWithoutContainerRuntimeTest {

    @RegisterExtension
    static final QuarkusUnitTest application = new QuarkusUnitTest()
            // any free port: 8081, the default for tests, may be taken on this machine
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withEmptyApplication()
            .overrideConfigKey("quarkus.postgresql-devservices.provider", "container")
            .assertException(failure -> assertTrue(messages(failure).contains(
                    "Please configure the datasource URL for default datasource or ensure the Docker daemon is up"
                            + " and running."),
                    messages(failure)));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application must not start without a container runtime");
    }

    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }
}
