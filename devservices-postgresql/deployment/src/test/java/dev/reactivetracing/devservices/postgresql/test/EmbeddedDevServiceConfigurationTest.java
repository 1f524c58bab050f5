package dev.reactivetracing.devservices.postgresql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * The embedded server honours Quarkus' own Dev Service keys: user, password, database name, port, init script and the
 * server settings of the container's command; and Flyway migrates through JDBC what the reactive pool then reads.
 */
public class EmbeddedDevServiceConfigurationTest {

    static final int FIXED_PORT = TestSettings.freePort("configured-port");
    static final String USER = "stock_keeper";
    static final String PASSWORD = "it's \"secret\"";
    static final String DATABASE = "inventory_db";

    @RegisterExtension
    static final QuarkusUnitTest application = new QuarkusUnitTest()
            // any free port: 8081, the default for tests, may be taken on this machine
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(DatabaseIdentity.class, TestSettings.class)
                    .addAsResource(new StringAsset("""
                            -- Its own schema: Flyway refuses to migrate a non-empty public schema without history.
                            CREATE SCHEMA setup;
                            CREATE TABLE setup.warehouse (name text PRIMARY KEY);
                            INSERT INTO setup.warehouse VALUES ('north'), ('south');
                            """), "warehouses.sql")
                    .addAsResource(new StringAsset("""
                            CREATE TABLE product (sku text PRIMARY KEY, stock integer NOT NULL);
                            INSERT INTO product VALUES ('apple', 20);
                            """), "db/migration/V1__product.sql"))
            .overrideConfigKey("quarkus.postgresql-devservices.provider", "embedded")
            .overrideConfigKey("quarkus.datasource.devservices.username", USER)
            .overrideConfigKey("quarkus.datasource.devservices.password", PASSWORD)
            .overrideConfigKey("quarkus.datasource.devservices.db-name", DATABASE)
            .overrideConfigKey("quarkus.datasource.devservices.port", Integer.toString(FIXED_PORT))
            .overrideConfigKey("quarkus.datasource.devservices.init-script-path", "warehouses.sql")
            .overrideConfigKey("quarkus.datasource.devservices.command", "postgres -c max_connections=42 --work-mem=8MB")
            .overrideConfigKey("quarkus.flyway.migrate-at-start", "true")
            // Chosen explicitly, the embedded server says which container setting it cannot honour.
            .overrideConfigKey("quarkus.datasource.devservices.image-name", "postgres:17.6-alpine")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("dev.reactivetracing"))
            .assertLogRecords(records -> assertTrue(records.stream()
                    .map(record -> new PatternFormatter("%s").format(record))
                    .anyMatch(message -> message.startsWith("The embedded PostgreSQL ignores image-name: container")),
                    "a warning names the ignored image-name"));

    @Inject
    DataSource jdbc;

    @Inject
    Pool reactive;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void configuredUserDatabaseAndPortAreUsed() throws SQLException {
        DatabaseIdentity throughJdbc = identityThroughJdbc();

        assertEquals(new DatabaseIdentity(DATABASE, USER, FIXED_PORT, throughJdbc.serverStartTime()), throughJdbc);
        assertEquals(throughJdbc, identityThroughReactivePool());
        assertEquals("jdbc:postgresql://localhost:" + FIXED_PORT + "/" + DATABASE, jdbcUrl);
    }

    @Test
    void theRoleNeedsItsPassword() {
        SQLException refused = assertThrows(SQLException.class, () -> connectAs(USER, "wrong").close());
        assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
    }

    @Test
    void theBootstrapSuperuserCannotLogIn() {
        assertThrows(SQLException.class, () -> connectAs("postgres", "").close());
    }

    @Test
    void theRightPasswordIsAccepted() throws SQLException {
        try (Connection connection = connectAs(USER, PASSWORD)) {
            assertTrue(connection.isValid(2));
        }
    }

    @Test
    void flywayMigratesThroughJdbcWhatTheReactivePoolReads() {
        Integer stock = reactive.query("SELECT stock FROM product WHERE sku = 'apple'").execute()
                .map(rows -> rows.iterator().next().getInteger("stock"))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(20, stock);
    }

    @Test
    void initScriptRanInTheConfiguredDatabase() throws SQLException {
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT string_agg(name, ',' ORDER BY name), min(pg_catalog.pg_get_userbyid(relowner))"
                                + " FROM setup.warehouse, pg_class WHERE oid = 'setup.warehouse'::regclass")) {
            rows.next();
            assertEquals(List.of("north,south", USER), List.of(rows.getString(1), rows.getString(2)));
        }
    }

    @Test
    void commandServerSettingsApply() throws SQLException {
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT current_setting('max_connections'), current_setting('work_mem'),"
                                + " current_setting('max_prepared_transactions'), current_setting('fsync')")) {
            rows.next();
            assertEquals(List.of("42", "8MB", "100", "off"),
                    List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
    }

    private static Connection connectAs(String user, String password) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + FIXED_PORT + "/" + DATABASE);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource.getConnection();
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
}
