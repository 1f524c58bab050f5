package dev.reactivetracing.devservices.postgresql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;

/**
 * No container runtime: the default choice is the embedded PostgreSQL, and the log says why. A container setting
 * (image-name, here) is for machines that have a runtime; it is not warned about on one that has none.
 */
@DisabledIf(value = "dev.reactivetracing.devservices.postgresql.test.ContainerRuntime#isAvailable",
        disabledReason = "a container runtime is available: the automatic choice is the container")
public class AutoProviderWithoutContainerRuntimeTest {

    private static final PatternFormatter MESSAGE = new PatternFormatter("%s");

    @RegisterExtension
    static final QuarkusUnitTest application = new QuarkusUnitTest()
            // any free port: 8081, the default for tests, may be taken on this machine
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.devservices.image-name", "postgres:17.6-alpine")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("dev.reactivetracing"))
            .assertLogRecords(records -> {
                assertTrue(records.stream().map(MESSAGE::format).anyMatch(
                        message -> message.contains("embedded PostgreSQL 17.6 for the default datasource on localhost:")
                                && message.endsWith("(no container runtime found; set"
                                        + " quarkus.postgresql-devservices.provider=container to require one)")),
                        "no log record says that and why the embedded PostgreSQL was chosen");
                assertTrue(records.stream().map(MESSAGE::format).noneMatch(message -> message.contains("ignores")),
                        "no warning about the container's image-name");
            });

    @Inject
    DataSource jdbc;

    @Test
    void theDevServiceIsAnEmbeddedPostgresql() throws SQLException {
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), current_user")) {
            row.next();
            assertTrue(row.getString(1).startsWith("17.6"), row.getString(1));
            assertEquals("quarkus", row.getString(2));
        }
    }
}
