package dev.reactivetracing.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;
import dev.reactivetracing.tooling.process.ProcessStop;

/**
 * {@code bin/dev}: both services in {@code quarkus dev} side by side, each with its own PostgreSQL from Dev Services
 * (a container with Docker, an embedded one without: the postgresql-devservices extension), wired to each other and to
 * a Zipkin trace UI through an OTLP receiver, as {@code bin/run} does for the packaged services. Live reload in both;
 * their logs go to {@code .dev-run/logs} and, prefixed, to this terminal; Ctrl-C stops everything.
 */
public final class DevRun {

    private static final String INVENTORY = "inventory-service";
    private static final String ORDER = "order-service";
    /** Quarkus' default for the first; the second next to it. */
    private static final int ORDER_DEBUG_PORT = 5005;
    private static final int INVENTORY_DEBUG_PORT = 5006;
    /** The first dev start resolves dev-mode artifacts and builds the application. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final LocalRunOptions options;
    private final LaunchSession session;
    private final LocalRunPaths paths;
    private final List<DevService> services = new ArrayList<>();

    /** One service in dev mode: the Maven process that runs it (and its descendants), its port and log. */
    private record DevService(String name, int port, Process process, Path logFile) {

        String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    DevRun(LocalRunOptions options, LaunchSession session) {
        this.options = options;
        this.session = session;
        this.paths = session.paths();
    }

    public static void main(String[] arguments) {
        LocalRunOptions options = LocalRunOptions.parseOrExit(arguments, LocalRunOptions.Mode.DEV);
        LaunchSession session = LaunchSession.install("dev run", LocalRunPaths.ofLauncher().forDev());
        System.exit(new DevRun(options, session).run());
    }

    int run() {
        try {
            if (!session.prepare(options)) {
                return 1;
            }
            ZipkinServer zipkin = session.startZipkin(options);
            OtlpHttpReceiver receiver = session.startReceiver(zipkin);

            DevService inventory = startDevMode(INVENTORY, options.inventoryPort(), INVENTORY_DEBUG_PORT, receiver,
                    List.of());
            DevService order = startDevMode(ORDER, options.orderPort(), ORDER_DEBUG_PORT, receiver,
                    List.of("QUARKUS_REST_CLIENT_INVENTORY_URL=" + inventory.baseUrl()));
            for (DevService service : List.of(inventory, order)) {
                awaitReady(service);
            }
            printSummary(zipkin, inventory, order);
            return awaitUnexpectedExit();
        } catch (RuntimeException | InterruptedException failure) {
            if (session.shutdown().hasStarted()) {
                return 130;
            }
            System.err.println();
            System.err.println("The dev run failed: " + failure.getMessage());
            return 1;
        }
    }

    /**
     * {@code ../mvnw quarkus:dev} in the service's directory, without the interactive console (two services share
     * this terminal), exporting its spans to the receiver.
     */
    private DevService startDevMode(String name, int port, int debugPort, OtlpHttpReceiver receiver,
            List<String> extraEnvironment) {
        List<String> command = new ArrayList<>(List.of(paths.root().resolve("mvnw").toString(), "-B", "quarkus:dev",
                "-Dquarkus.http.port=" + port, "-Ddebug=" + (options.debug() ? debugPort : "false"),
                "-Dquarkus.console.enabled=false",
                // Its first-run question would wait 10 s for an answer nobody can give without the console.
                "-Dquarkus.analytics.disabled=true",
                // Quarkus' container runtime check loads JNA, which JDK 24+ warns about unless native access is allowed.
                "-Djvm.args=--enable-native-access=ALL-UNNAMED"));
        if (options.continuousTesting()) {
            command.add("-Dquarkus.test.continuous-testing=enabled");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(paths.root().resolve(name).toFile())
                .redirectErrorStream(true);
        builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        // Spans reach Zipkin a second after a request rather than up to five (the batch default).
        builder.environment().put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
        extraEnvironment.forEach(variable -> builder.environment().put(variable.substring(0, variable.indexOf('=')),
                variable.substring(variable.indexOf('=') + 1)));
        System.out.println("Starting " + name + " in dev mode (logs: " + paths.display(paths.logFile(name)) + ")");
        Process process;
        try {
            process = builder.start();
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not start " + name + " in dev mode", failure);
        }
        DevService service = new DevService(name, port, process, paths.logFile(name));
        services.add(service);
        session.leftovers().record(name, process.toHandle());
        session.shutdown().add(name, () -> stop(service));
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> echo(service));
        return service;
    }

    /** Each line to the service's log file, and to this terminal with the service's name in front. */
    private static void echo(DevService service) {
        String prefix = "[" + (service.name().equals(ORDER) ? "order    " : "inventory") + "] ";
        try (BufferedReader output = new BufferedReader(new InputStreamReader(service.process().getInputStream(),
                StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(service.logFile(), StandardCharsets.UTF_8)) {
            PrintStream terminal = System.out;
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
                terminal.println(prefix + line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /**
     * Maven and the application JVM it forked stop on SIGTERM (the application's Dev Services with it: its embedded
     * PostgreSQL is stopped by the application's shutdown); whatever is left after the grace is killed.
     */
    private static void stop(DevService service) {
        List<ProcessHandle> descendants = service.process().descendants().toList();
        ProcessStop.terminate(service.process().toHandle(), STOP_GRACE);
        descendants.forEach(process -> ProcessStop.terminate(process, Duration.ofSeconds(10)));
    }

    private void awaitReady(DevService service) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!service.process().isAlive()) {
                throw new IllegalStateException(service.name() + " stopped while starting; see "
                        + paths.display(service.logFile()));
            }
            try {
                if (session.http().send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + START_TIMEOUT.toMinutes()
                + " minutes; see " + paths.display(service.logFile()));
    }

    private void printSummary(ZipkinServer zipkin, DevService inventory, DevService order) {
        System.out.println();
        System.out.println("Both services are in dev mode (logs in " + paths.display(paths.logDirectory()) + "):");
        System.out.println("  " + ORDER + "      " + order.baseUrl() + "    Dev UI /q/dev-ui"
                + (options.debug() ? ", debug port " + ORDER_DEBUG_PORT : ""));
        System.out.println("  " + INVENTORY + "  " + inventory.baseUrl() + "    Dev UI /q/dev-ui"
                + (options.debug() ? ", debug port " + INVENTORY_DEBUG_PORT : ""));
        System.out.println("  Zipkin             " + zipkin.uiUrl());
        System.out.println("Edit a class of either service: the next request runs it."
                + (options.continuousTesting() ? " Tests run on every change." : ""));
        System.out.println("Press Ctrl-C to stop.");
    }

    /** Blocks until a dev-mode process exits; with Ctrl-C that is expected (our shutdown has begun). */
    private int awaitUnexpectedExit() throws InterruptedException {
        Optional<WatchedProcess> exited = session.awaitUnexpectedExit(services.stream()
                .map(service -> new WatchedProcess(service.name(), service.process().toHandle(), service.logFile()))
                .toList());
        if (exited.isEmpty()) {
            return 130;
        }
        System.err.println();
        System.err.println(exited.get().name() + " stopped unexpectedly; see "
                + paths.display(exited.get().logFile()));
        return 1;
    }
}
