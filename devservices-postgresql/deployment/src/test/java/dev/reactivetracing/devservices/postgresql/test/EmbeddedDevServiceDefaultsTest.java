package dev.reactivetracing.devservices.postgresql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * No datasource configuration at all, and no container runtime on the machine: the Dev Service starts an embedded
 * PostgreSQL that the JDBC datasource (what Flyway uses) and the reactive pool both reach, and stops it with the
 * application.
 */
public class EmbeddedDevServiceDefaultsTest {

    @RegisterExtension
    static final QuarkusUnitTest application = new QuarkusUnitTest()
            // any free port: 8081, the default for tests, may be taken on this machine
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(DatabaseIdentity.class, PostgresProcesses.class, TestSettings.class))
            .overrideConfigKey("quarkus.postgresql-devservices.provider", "embedded")
            .setAfterAllCustomizer(EmbeddedDevServiceDefaultsTest::serverIsGoneOnceTheApplicationStopped);

    @Inject
    DataSource jdbc;

    @Inject
    Pool reactive;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @Test
    void jdbcAndReactiveClientsReachTheSameEmbeddedDatabase() throws SQLException {
        DatabaseIdentity throughJdbc = identityThroughJdbc();
        DatabaseIdentity throughReactivePool = identityThroughReactivePool();

        assertEquals(throughJdbc, throughReactivePool);
        // Quarkus' defaults for a Dev Service database (DatabaseDefaultSetupConfig)
        assertEquals("quarkus", throughJdbc.database());
        assertEquals("quarkus", throughJdbc.user());
        assertEquals("jdbc:postgresql://localhost:" + throughJdbc.port() + "/quarkus", jdbcUrl);
        assertEquals("vertx-reactive:postgresql://localhost:" + throughJdbc.port() + "/quarkus", reactiveUrl);
    }

    @Test
    void serverIsPostgresql17TunedForThrowAwayData() throws SQLException {
        assertTrue(setting("server_version").startsWith("17.6"), setting("server_version"));
        assertEquals("off", setting("fsync"));
        assertEquals("off", setting("synchronous_commit"));
        assertEquals("off", setting("full_page_writes"));
        assertEquals("300", setting("max_connections"));
        // as Quarkus' container (--max_prepared_transactions=100), for XA transactions
        assertEquals("100", setting("max_prepared_transactions"));
    }

    @Test
    void rememberTheServerProcessForTheCheckAfterTheApplicationStops() throws SQLException {
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet server = statement.executeQuery(
                        "SELECT pg_read_file('postmaster.pid'), current_setting('data_directory')")) {
            server.next();
            String postmasterPid = server.getString(1).lines().findFirst().orElseThrow().trim();
            assertTrue(PostgresProcesses.isRunning(Long.parseLong(postmasterPid)));
            TestSettings.remember("postmaster-pid", postmasterPid);
            TestSettings.remember("data-directory", server.getString(2));
        }
    }

    /** Runs after Quarkus stopped the application and its Dev Services. */
    static void serverIsGoneOnceTheApplicationStopped() {
        String postmasterPid = TestSettings.recalled("postmaster-pid");
        String dataDirectory = TestSettings.recalled("data-directory");
        TestSettings.forget("postmaster-pid");
        TestSettings.forget("data-directory");
        assertNotNull(postmasterPid, "the test did not record the server process");
        try {
            assertTrue(PostgresProcesses.stopsWithin(Long.parseLong(postmasterPid), Duration.ofSeconds(5)),
                    "the embedded PostgreSQL (pid " + postmasterPid + ") still runs after the application stopped");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
        assertFalse(Files.exists(Path.of(dataDirectory)), "its data directory is left: " + dataDirectory);
    }

    private DatabaseIdentity identityThroughJdbc() throws SQLException {
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(DatabaseIdentity.QUERY)) {
            row.next();
            return new DatabaseIdentity(row.getString("database"), row.getString("user"), row.getInt("port"),
                    row.getString("started"));
        }
    }

    private DatabaseIdentity identityThroughReactivePool() {
        Row row = reactive.query(DatabaseIdentity.QUERY).execute()
                .map(rows -> rows.iterator().next())
                .await().atMost(Duration.ofSeconds(10));
        return new DatabaseIdentity(row.getString("database"), row.getString("user"), row.getInteger("port"),
                row.getString("started"));
    }

    private String setting(String name) throws SQLException {
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }
}
