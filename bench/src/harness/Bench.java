import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;

/**
 * bin/bench: the benchmark of issue 6, in one invocation so that every ratio compares numbers taken minutes apart on
 * the same machine. See bench/README.md for what is measured and how.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Variant environment key: the checkout whose packaged services the variant runs (see jar(String, Setup)). */
    static final String APP_DIR = "BENCH_APP_DIR";
    private static final String INVENTORY = "inventory-service";
    private static final String ORDER = "order-service";

    private final Settings settings;
    private final Processes processes;
    private final HttpClient http;
    private final Results results = new Results();
    private final Path logs;
    private EmbeddedPostgresServer postgres;
    private Optional<ProcessHandle> postmaster = Optional.empty();
    private OtlpHttpReceiver receiver;
    private final AtomicLong spansReceived = new AtomicLong();
    /** Spans received per setup (the resource attribute bench.setup each pair exports with). */
    private final Map<String, AtomicLong> spansBySetup = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong exportRequests = new AtomicLong();
    private boolean errorsSeen;

    /** One inventory-service + order-service pair and its databases. */
    record Pair(String label, Service inventory, Service order, String inventoryDb, String orderDb,
            Path customersFile) {
    }

    private Bench(Settings settings, Processes processes, HttpClient http) {
        this.settings = settings;
        this.processes = processes;
        this.http = http;
        this.logs = settings.work().resolve("logs");
    }

    public static void main(String[] arguments) {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Settings settings;
        try {
            if (List.of(arguments).contains("--help") || List.of(arguments).contains("-h")) {
                System.out.print(Settings.USAGE);
                return;
            }
            settings = Settings.parse(arguments, root);
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.err.print(Settings.USAGE);
            System.exit(2);
            return;
        }
        deleteRecursively(settings.work());
        createDirectories(settings.work().resolve("logs"));
        // zonky's embedded PostgreSQL logs through SLF4J: into a file, as every other process does.
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.work().resolve("logs/postgres.log").toString());
        Processes processes = new Processes(settings.work().resolve("pids"));
        Runtime.getRuntime().addShutdownHook(new Thread(processes::close, "bench-stop"));
        // Bounded in time whatever happens: past the limit, exit (the shutdown hook stops everything started).
        Duration limit = settings.smoke() ? Duration.ofMinutes(6)
                : Duration.ofMinutes(45 + (long) settings.serveMinutes());
        Thread watchdog = new Thread(() -> {
            sleep(limit);
            System.err.println();
            System.err.println("bench: still running after " + limit.toMinutes() + " min: stopping (FAILED)");
            System.exit(3);
        }, "bench-time-limit");
        watchdog.setDaemon(true);
        watchdog.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        int exit;
        try {
            exit = new Bench(settings, processes, http).run();
        } catch (RuntimeException | IOException | InterruptedException failure) {
            System.err.println();
            System.err.println("bench: FAILED: " + failure);
            failure.printStackTrace();
            exit = 1;
        } finally {
            step("Stopping everything");
            processes.close();
            System.out.println("done");
        }
        System.exit(exit);
    }

    private int run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        results.put("settings", settingsSummary());
        results.put("machine", Machine.describe(settings.root()));
        System.out.println("Benchmark (" + (settings.smoke() ? "smoke" : "full") + "), work directory "
                + settings.root().relativize(settings.work()) + ", load average " + Machine.loadAverage());

        startPostgres();
        startReceiver();

        if (settings.serveMinutes() == 0) {
            measureSqlCeiling();
        }

        Map<Settings.Setup, Pair> pairs = startModePairs();
        if (settings.serveMinutes() > 0) {
            serve(pairs);
            return 0;
        }
        warmUp(pairs);
        measureMaxRates(pairs);
        measureLatency(pairs);
        recordPairState(pairs);
        step("Stopping the service pairs");
        List<Service> running = new ArrayList<>();
        pairs.values().forEach(pair -> running.addAll(List.of(pair.order(), pair.inventory())));
        stopAll(running);
        System.out.println("done");

        if (settings.fresh()) {
            measureFreshStarts();
        }

        results.machineEnd(Machine.loadAverage());
        results.put("elapsed_s", (System.nanoTime() - started) / 1e9);
        Report report = new Report(settings, results);
        report.write();
        System.out.println();
        System.out.println(report.summary());
        System.out.println("Results: " + settings.root().relativize(settings.out().resolve("results.md")) + " (and "
                + "results.json, latency.png); logs in " + settings.root().relativize(logs));
        if (errorsSeen) {
            System.err.println("bench: some runs had failed requests (see the results): FAILED");
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------------------------
    // PostgreSQL and the OTLP receiver
    // ------------------------------------------------------------------------------------------------------------

    private void startPostgres() {
        step("Starting PostgreSQL (embedded)");
        Path data = settings.work().resolve("pgdata");
        createDirectories(data);
        postgres = EmbeddedPostgresServer.start(data, 0);
        postmaster = readPostmaster(data);
        postmaster.ifPresent(process -> processes.recordPid("postgres", process.pid()));
        processes.onClose("PostgreSQL", () -> {
            postgres.close();
            postmaster.ifPresent(process -> Processes.stop(process, Duration.ofSeconds(30)));
        });
        System.out.println("port " + postgres.port() + ", " + postgres.queryForString("postgres", "SHOW server_version"));
        results.machine("postgresql", postgres.queryForString("postgres", "SELECT version()"));
        results.machine("postgresql_settings", postgres.queryForString("postgres", """
                SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'max_connections',
                               'shared_buffers', 'wal_level')"""));
    }

    private static Optional<ProcessHandle> readPostmaster(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** A real OTLP/HTTP receiver (the project's test receiver: decodes every batch); forgets spans every second. */
    private void startReceiver() {
        receiver = OtlpHttpReceiver.start(0);
        receiver.addSpanListener(batch -> {
            spansReceived.addAndGet(batch.size());
            exportRequests.incrementAndGet();
            for (var span : batch) {
                Object setup = span.resourceAttributes().get("bench.setup");
                spansBySetup.computeIfAbsent(String.valueOf(setup), ignored -> new AtomicLong()).incrementAndGet();
            }
        });
        receiver.forgetReceivedEvery(Duration.ofSeconds(1));
        processes.onClose("OTLP receiver", receiver::close);
    }

    /**
     * CPU seconds used so far by PostgreSQL: the postmaster with the backends it has reaped (cutime, cstime: a
     * pgbench connection's backend exits before the run is over) plus every backend still running.
     */
    private double postgresCpuSeconds() {
        return postmaster.map(process -> procStatCpu(process.pid(), true)
                + process.descendants().mapToDouble(child -> procStatCpu(child.pid(), false)).sum()).orElse(0.0);
    }

    /** utime + stime (and with {@code reaped}, cutime + cstime) from /proc/PID/stat, in seconds (100 ticks/s). */
    private static double procStatCpu(long pid, boolean reaped) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (reaped) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(0.0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // R_sql: pgbench
    // ------------------------------------------------------------------------------------------------------------

    private void measureSqlCeiling() throws IOException {
        step("Preparing the pgbench database (both services' migrations, " + settings.products() + " products)");
        String database = postgres.createDatabase("pgbench");
        List<Path> migrations = new ArrayList<>();
        for (String service : List.of(INVENTORY, ORDER)) {
            try (var files = Files.list(settings.root().resolve(service + "/src/main/resources/db/migration"))) {
                files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted(
                        (a, b) -> Integer.compare(version(a), version(b))).forEach(migrations::add);
            }
        }
        for (Path migration : migrations) {
            postgres.execute(database, Files.readString(migration));
        }
        postgres.execute(database,
                "INSERT INTO product (id, name, price_cents, stock) SELECT 'BENCH-' || i, 'Bench product ' || i, "
                        + "100 + i, 1000000000 FROM generate_series(0, " + (settings.products() - 1) + ") AS i",
                "INSERT INTO customer (id, name, email) SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, "
                        + "'0'))::uuid, 'Bench customer ' || i, 'bench-' || i || '@example.com' "
                        + "FROM generate_series(1, " + settings.customers() + ") AS i",
                "VACUUM ANALYZE");
        System.out.println(migrations.size() + " migrations applied");

        Path requestScript = settings.root().resolve("bench/pgbench/order.sql");
        Path withDelivery = settings.work().resolve("order-with-delivery.sql");
        Files.writeString(withDelivery, Files.readString(requestScript)
                + Files.readString(settings.root().resolve("bench/pgbench/delivery.sql")));
        results.machine("pgbench", Processes.run(List.of("pgbench", "--version"), Map.of(), logs.resolve("pgbench.log"),
                Duration.ofSeconds(10), false).output().trim());

        step("pgbench warm-up (" + Math.max(2, settings.pgbenchSeconds() / 3) + " s, not counted)");
        Processes.run(List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(settings.pgbenchClients()),
                "-j", "1", "-T", Integer.toString(Math.max(2, settings.pgbenchSeconds() / 3)),
                "-D", "products=" + settings.products(), "-D", "customers=" + settings.customers(),
                "-f", withDelivery.toString(), "-h", "localhost", "-p", Integer.toString(postgres.port()),
                "-U", EmbeddedPostgresServer.USER, database), Map.of("PGPASSWORD", EmbeddedPostgresServer.PASSWORD),
                logs.resolve("pgbench.log"), Duration.ofSeconds(settings.pgbenchSeconds() + 60L), false);
        System.out.println("done");
        for (int run = 1; run <= settings.runs(); run++) {
            for (var script : List.of(Map.entry("request", requestScript), Map.entry("with_delivery", withDelivery))) {
                step("pgbench " + script.getKey().replace('_', ' ') + ", run " + run + "/" + settings.runs());
                double cpuBefore = postgresCpuSeconds();
                Processes.Result result = Processes.runTimed(List.of("pgbench", "-n", "-M", "prepared",
                        "-c", Integer.toString(settings.pgbenchClients()), "-j", "1",
                        "-T", Integer.toString(settings.pgbenchSeconds()),
                        "-D", "products=" + settings.products(), "-D", "customers=" + settings.customers(),
                        "-f", script.getValue().toString(),
                        "-h", "localhost", "-p", Integer.toString(postgres.port()), "-U", EmbeddedPostgresServer.USER,
                        database), Map.of("PGPASSWORD", EmbeddedPostgresServer.PASSWORD),
                        logs.resolve("pgbench.log"), Duration.ofSeconds(settings.pgbenchSeconds() + 60L), false);
                double cpu = postgresCpuSeconds() - cpuBefore;
                Map<String, Object> parsed = PgBench.parse(result.output());
                double tps = ((Number) parsed.get("tps")).doubleValue();
                double transactions = Math.max(1, ((Number) parsed.get("transactions")).doubleValue());
                parsed.put("postgres_cpu_ms_per_tx", 1000 * cpu / transactions);
                parsed.put("pgbench_cpu_ms_per_tx", 1000 * result.cpuSeconds() / transactions);
                double totalCpuMs = 1000 * (cpu + result.cpuSeconds()) / transactions;
                parsed.put("cpu_ms_per_tx_total", totalCpuMs);
                parsed.put("cpu_bound_capacity_per_s", Runtime.getRuntime().availableProcessors() * 1000 / totalCpuMs);
                results.addRun("pgbench_" + script.getKey(), parsed);
                if (((Number) parsed.get("failed")).longValue() > 0) {
                    errorsSeen = true;
                }
                System.out.printf("%.0f tx/s (latency avg %.2f ms)%n", tps, parsed.get("latency_avg_ms"));
            }
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Service pairs
    // ------------------------------------------------------------------------------------------------------------

    private Map<String, String> serviceEnvironment(Settings.Setup setup, String database) {
        Map<String, String> environment = serviceEnvironment(setup.mode, database, setup.environment);
        environment.putIfAbsent("OTEL_RESOURCE_ATTRIBUTES", "bench.setup=" + setup.key);
        return environment;
    }

    private Map<String, String> serviceEnvironment(Settings.Mode mode, String database, List<String> more) {
        Map<String, String> environment = new LinkedHashMap<>(DatasourceProperties.asEnvironment(postgres, database));
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        // Packaged prod profile as deployed; only the SIGTERM drain delay (for load balancers) is skipped.
        environment.put("QUARKUS_SHUTDOWN_DELAY_ENABLED", "false");
        switch (mode) {
            case OFF -> environment.put("QUARKUS_OTEL_SDK_DISABLED", "true");
            case FULL -> environment.put("OTEL_TRACES_SAMPLER_ARG", "1.0");
            case TENTH -> environment.put("OTEL_TRACES_SAMPLER_ARG", "0.1");
        }
        for (String entry : concat(settings.extraServiceEnvironment(), more.toArray(String[]::new))) {
            if (entry.startsWith(APP_DIR + "=")) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--service-env expects KEY=VALUE, got " + entry);
            }
            environment.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return environment;
    }

    private Path jar(String service) {
        return jar(service, settings.root());
    }

    /**
     * A variant may run the services of another build ({@code BENCH_APP_DIR=<checkout>}, its jars built with
     * {@code ./mvnw package}): a change measured against the build before it, in the same run.
     */
    private Path jar(String service, Settings.Setup setup) {
        return jar(service, setup.environment.stream().filter(entry -> entry.startsWith(APP_DIR + "="))
                .map(entry -> Path.of(entry.substring(APP_DIR.length() + 1)))
                .findFirst().orElse(settings.root()));
    }

    private static Path jar(String service, Path checkout) {
        Path jar = checkout.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/bench builds unless --no-build)");
        }
        return jar;
    }

    /** One pair per tracing mode, each with its own two databases, all running side by side. */
    private Map<Settings.Setup, Pair> startModePairs() throws InterruptedException {
        step("Starting " + settings.setups().size() + " service pairs (" + String.join(", ",
                settings.setups().stream().map(mode -> mode.label).toList()) + ")");
        long start = System.nanoTime();
        Map<Settings.Setup, Service> inventories = new LinkedHashMap<>();
        for (Settings.Setup mode : settings.setups()) {
            String db = postgres.createDatabase("inventory_" + mode.key);
            inventories.put(mode, Service.start(INVENTORY + "-" + mode.key, jar(INVENTORY, mode), List.of(),
                    serviceEnvironment(mode, db), logs.resolve(INVENTORY + "-" + mode.key + ".log"), processes));
        }
        for (Service inventory : inventories.values()) {
            inventory.awaitReady(http, Duration.ofSeconds(120));
        }
        Map<Settings.Setup, Service> orders = new LinkedHashMap<>();
        for (Settings.Setup mode : settings.setups()) {
            String db = postgres.createDatabase("orders_" + mode.key);
            Map<String, String> environment = serviceEnvironment(mode, db);
            environment.put("QUARKUS_REST_CLIENT_INVENTORY_URL", inventories.get(mode).baseUrl());
            orders.put(mode, Service.start(ORDER + "-" + mode.key, jar(ORDER, mode), List.of(), environment,
                    logs.resolve(ORDER + "-" + mode.key + ".log"), processes));
        }
        for (Service order : orders.values()) {
            order.awaitReady(http, Duration.ofSeconds(120));
        }
        System.out.printf("ready (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        Map<Settings.Setup, Pair> pairs = new LinkedHashMap<>();
        for (Settings.Setup mode : settings.setups()) {
            step("Loading the catalog into the " + mode.label + " pair (" + settings.products() + " products, "
                    + settings.customers() + " customers)");
            Path customers = settings.work().resolve("customers-" + mode.key + ".txt");
            Catalog.load(http, inventories.get(mode).baseUrl(), orders.get(mode).baseUrl(), settings.products(),
                    settings.customers(), customers);
            pairs.put(mode, new Pair(mode.key, inventories.get(mode), orders.get(mode), "inventory_" + mode.key,
                    "orders_" + mode.key, customers));
            System.out.println("done");
        }
        return pairs;
    }

    /** --serve: everything up for a person to measure or profile by hand. */
    private void serve(Map<Settings.Setup, Pair> pairs) {
        System.out.println();
        System.out.println("PostgreSQL: " + postgres.jdbcUrl("<db>") + " (user postgres); OTLP receiver "
                + receiver.endpoint());
        for (Pair pair : pairs.values()) {
            System.out.println(pair.label() + ": order-service " + pair.order().baseUrl() + " (pid " + pair.order().pid()
                    + "), inventory-service " + pair.inventory().baseUrl() + " (pid " + pair.inventory().pid()
                    + "), customers " + pair.customersFile() + ", databases " + pair.orderDb() + ", "
                    + pair.inventoryDb());
        }
        Path stop = settings.work().resolve("stop");
        System.out.println("Serving for " + settings.serveMinutes() + " min, or until " + stop + " exists.");
        long deadline = System.nanoTime() + Duration.ofMinutes(settings.serveMinutes()).toNanos();
        while (System.nanoTime() < deadline && !Files.exists(stop)) {
            sleep(Duration.ofSeconds(1));
        }
    }

    private void warmUp(Map<Settings.Setup, Pair> pairs) {
        for (Settings.Setup mode : settings.setups()) {
            step("Warming up " + mode.label + " (" + settings.warmupSeconds() + " s of wrk)");
            Map<String, Object> warm = Wrk.run(settings, pairs.get(mode), settings.warmupSeconds(), logs);
            System.out.printf("%.0f orders/s", ((Number) warm.get("ok_per_s")).doubleValue());
            Drain drain = drain(pairs.get(mode));
            System.out.printf(", outbox drained in %.1f s%n", drain.seconds());
        }
    }

    /** How many events a run left for the outbox relay, and how long the relay took to deliver them. */
    record Drain(long pendingAtEnd, double seconds) {
    }

    /**
     * Waits until the pair's outbox relay has delivered every event the load created (bounded): the relay keeps
     * working after the load stops, and its HTTP calls and SQL would otherwise be counted against whichever pair is
     * measured next, and take cores from it.
     */
    private Drain drain(Pair pair) {
        String pending = "SELECT count(*) FROM outbox WHERE published_at IS NULL AND failed_at IS NULL";
        long atEnd = Long.parseLong(postgres.queryForString(pair.orderDb(), pending));
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(settings.smoke() ? 30 : 300).toNanos();
        long left = atEnd;
        while (left > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            left = Long.parseLong(postgres.queryForString(pair.orderDb(), pending));
        }
        if (left > 0) {
            System.out.print("[outbox of " + pair.label() + " not drained: " + left + " events left] ");
        }
        return new Drain(atEnd, (System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Max rate (closed model, wrk) and latency at a constant rate (open model, Hyperfoil)
    // ------------------------------------------------------------------------------------------------------------

    /** Rounds of one run per mode, interleaved, so that drift in the machine's load touches every mode alike. */
    private void measureMaxRates(Map<Settings.Setup, Pair> pairs) throws InterruptedException {
        for (int run = 1; run <= settings.runs(); run++) {
            for (Settings.Setup mode : settings.setups()) {
                Pair pair = pairs.get(mode);
                step("Max rate, " + mode.label + ", run " + run + "/" + settings.runs() + " (wrk, "
                        + settings.connections() + " connections, " + settings.throughputSeconds() + " s)");
                boolean profiling = settings.profile() && run == 1;
                if (profiling) {
                    Profiler.start(pair, settings.work().resolve("jfr"), logs);
                }
                Cpu before = cpu(pair);
                long spansBefore = spansOf(mode);
                Map<String, Object> wrk = Wrk.run(settings, pair, settings.throughputSeconds(), logs);
                Cpu after = cpu(pair);
                long okRequests = ((Number) wrk.get("ok")).longValue();
                wrk.putAll(after.minus(before).perOrder(okRequests));
                double wrkCpuMs = 1000 * ((Number) wrk.get("wrk_cpu_s")).doubleValue() / Math.max(1, okRequests);
                wrk.put("cpu_ms_per_order_wrk", wrkCpuMs);
                double totalCpuMs = wrkCpuMs + after.minus(before).total() * 1000 / Math.max(1, okRequests);
                wrk.put("cpu_ms_per_order_total", totalCpuMs);
                // What the machine could complete if these processes had every core to themselves.
                wrk.put("cpu_bound_capacity_per_s", Runtime.getRuntime().availableProcessors() * 1000 / totalCpuMs);
                wrk.put("spans_received_per_order", okRequests == 0 ? 0
                        : (spansOf(mode) - spansBefore) / (double) okRequests);
                if (profiling) {
                    wrk.put("jfr", Profiler.stop(pair, settings.work().resolve("jfr"), settings.out(), logs));
                }
                Drain drain = drain(pair);
                wrk.put("outbox_pending_at_end", drain.pendingAtEnd());
                wrk.put("outbox_drain_s", drain.seconds());
                results.addRun("max_rate_" + mode.key, wrk);
                checkErrors(wrk, "wrk " + mode.key);
                System.out.printf("%.0f orders/s, p99 %.1f ms, CPU/order: order %.2f ms, inventory %.2f ms, "
                        + "postgres %.2f ms; outbox: %d left, drained in %.1f s%n",
                        ((Number) wrk.get("ok_per_s")).doubleValue(), wrk.get("p99_ms"),
                        wrk.get("cpu_ms_per_order_order"), wrk.get("cpu_ms_per_order_inventory"),
                        wrk.get("cpu_ms_per_order_postgres"), drain.pendingAtEnd(), drain.seconds());
            }
        }
    }

    private void measureLatency(Map<Settings.Setup, Pair> pairs) {
        double maxOff = results.median("max_rate_off", "ok_per_s");
        double rate = Math.max(1, Math.round(maxOff * settings.latencyLoad()));
        results.put("latency_rate_per_s", rate);
        for (int run = 1; run <= settings.runs(); run++) {
            for (Settings.Setup mode : settings.setups()) {
                step("Latency at " + (long) rate + " orders/s (" + Math.round(settings.latencyLoad() * 100)
                        + " % of the tracing-off max), " + mode.label + ", run " + run + "/" + settings.runs()
                        + " (Hyperfoil, " + settings.latencySeconds() + " s)");
                Map<String, Object> open = OpenLoadRun.run(settings, pairs.get(mode), rate, logs);
                open.put("outbox_pending_at_end", drain(pairs.get(mode)).pendingAtEnd());
                results.addRun("latency_" + mode.key, open);
                checkErrors(open, "Hyperfoil " + mode.key);
                System.out.printf("p50 %.2f ms, p99 %.2f ms, %.0f responses/s%n", open.get("p50_ms"),
                        open.get("p99_ms"), ((Number) open.get("achieved_rate")).doubleValue());
            }
        }
    }

    private long spansOf(Settings.Setup setup) {
        AtomicLong count = spansBySetup.get(setup.key);
        return count == null ? 0 : count.get();
    }

    private void checkErrors(Map<String, Object> run, String what) {
        long total = ((Number) run.getOrDefault("total", 0)).longValue();
        long failed = ((Number) run.getOrDefault("failed", 0)).longValue();
        if (total == 0 || failed > total / 100) {
            errorsSeen = true;
            System.out.print("[" + what + ": " + failed + " of " + total + " requests failed] ");
        }
    }

    /** What the load left behind: orders saved, events the outbox relay has not delivered yet, and RSS. */
    private void recordPairState(Map<Settings.Setup, Pair> pairs) {
        for (Settings.Setup mode : settings.setups()) {
            Pair pair = pairs.get(mode);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("orders", Long.parseLong(postgres.queryForString(pair.orderDb(),
                    "SELECT count(*) FROM customer_order")));
            state.put("outbox_pending", Long.parseLong(postgres.queryForString(pair.orderDb(),
                    "SELECT count(*) FROM outbox WHERE published_at IS NULL AND failed_at IS NULL")));
            state.put("reservations_unconfirmed", Long.parseLong(postgres.queryForString(pair.inventoryDb(),
                    "SELECT count(*) FROM reservation WHERE status = 'RESERVED'")));
            state.put("rss_mb_order", pair.order().rssKb() / 1024.0);
            state.put("rss_mb_inventory", pair.inventory().rssKb() / 1024.0);
            results.put("after_load_" + mode.key, state);
        }
        results.put("spans_received_total", spansReceived.get());
        results.put("otlp_export_requests_total", exportRequests.get());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Start to first order, and RSS after N orders: fresh processes
    // ------------------------------------------------------------------------------------------------------------

    private void measureFreshStarts() throws IOException, InterruptedException {
        String inventoryDb = postgres.createDatabase("inventory_fresh");
        String orderDb = postgres.createDatabase("orders_fresh");
        Path aot = settings.work().resolve("aot");
        createDirectories(aot);
        List<String> tuned = settings.tunedJvmOptions();

        // Unmeasured: migrates the databases, loads the catalog, and is the training run that records the JDK's AOT
        // cache (JEP 483/514) for the "proposed" configuration.
        step("Training run (migrations, catalog, AOT cache recording; " + settings.trainingOrders() + " orders)");
        Path customers = settings.work().resolve("customers-fresh.txt");
        // Without the method profiles of JEP 515: recording them crashes Temurin 25.0.3 at the dump
        // (MethodTrainingData::cleanup, SIGSEGV); classes loaded and linked ahead of time are what start-up needs.
        // The one-step AOT cache (-XX:AOTCacheOutput) exists since JDK 25; older JDKs train nothing.
        boolean aotAvailable = Runtime.version().feature() >= 25;
        List<String> aotTraining = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");
        FreshPair training = startFresh(inventoryDb, orderDb, aotAvailable ? new JvmOptions(
                concat(concat(tuned, aotTraining.toArray(String[]::new)),
                        "-XX:AOTCacheOutput=" + aot.resolve(INVENTORY + ".aot")),
                concat(concat(tuned, aotTraining.toArray(String[]::new)),
                        "-XX:AOTCacheOutput=" + aot.resolve(ORDER + ".aot")),
                settings.tunedEnvironment()) : new JvmOptions(tuned, tuned, settings.tunedEnvironment()),
                "training", customers, true);
        Load.orders(http, training.order().baseUrl(), customers, settings.products(), settings.trainingOrders(), 8);
        stopAll(List.of(training.order(), training.inventory()));
        boolean aotRecorded = Files.isRegularFile(aot.resolve(INVENTORY + ".aot"))
                && Files.isRegularFile(aot.resolve(ORDER + ".aot"));
        System.out.println(aotRecorded ? "AOT caches recorded" : "no AOT cache was written (see the training logs): "
                + "the proposed configuration runs without");

        Map<String, JvmOptions> configurations = new LinkedHashMap<>();
        configurations.put("as_shipped", new JvmOptions(List.of(), List.of(), List.of()));
        configurations.put("proposed", new JvmOptions(
                aotRecorded ? concat(tuned, "-XX:AOTCache=" + aot.resolve(INVENTORY + ".aot")) : tuned,
                aotRecorded ? concat(tuned, "-XX:AOTCache=" + aot.resolve(ORDER + ".aot")) : tuned,
                settings.tunedEnvironment()));
        results.put("proposed_jvm_options", String.join(" ", tuned) + (aotRecorded ? " -XX:AOTCache=<service>.aot" : "")
                + (settings.tunedEnvironment().isEmpty() ? "" : "; environment " + String.join(" ",
                        settings.tunedEnvironment())));
        for (int run = 1; run <= settings.runs(); run++) {
            for (var configuration : configurations.entrySet()) {
                step("Fresh start, " + configuration.getKey().replace('_', ' ') + ", run " + run + "/"
                        + settings.runs());
                FreshPair pair = startFresh(inventoryDb, orderDb, configuration.getValue(),
                        configuration.getKey() + "-" + run, customers, false);
                System.out.printf("first order: inventory %.0f ms, order %.0f ms; ", pair.inventoryFirstMs(),
                        pair.orderFirstMs());
                System.out.flush();
                Load.Outcome outcome = Load.orders(http, pair.order().baseUrl(), customers, settings.products(),
                        settings.ordersForRss(), 16);
                sleep(Duration.ofSeconds(2));
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("start_to_first_order_ms_inventory", pair.inventoryFirstMs());
                fresh.put("start_to_first_order_ms_order", pair.orderFirstMs());
                fresh.put("quarkus_started_in_ms_inventory", FirstSuccess.quarkusStartedMs(pair.inventory()));
                fresh.put("quarkus_started_in_ms_order", FirstSuccess.quarkusStartedMs(pair.order()));
                fresh.put("orders", outcome.ok());
                fresh.put("failed", outcome.failed());
                fresh.put("total", outcome.ok() + outcome.failed());
                fresh.put("rss_mb_inventory", pair.inventory().rssKb() / 1024.0);
                fresh.put("rss_mb_order", pair.order().rssKb() / 1024.0);
                fresh.put("rss_anon_mb_inventory", pair.inventory().rssAnonKb() / 1024.0);
                fresh.put("rss_anon_mb_order", pair.order().rssAnonKb() / 1024.0);
                fresh.put("peak_rss_mb_inventory", pair.inventory().peakRssKb() / 1024.0);
                fresh.put("peak_rss_mb_order", pair.order().peakRssKb() / 1024.0);
                fresh.put("orders_per_s", outcome.ok() / outcome.seconds());
                results.addRun("fresh_" + configuration.getKey(), fresh);
                checkErrors(fresh, "orders for RSS");
                System.out.printf("after %d orders (%.0f/s): RSS inventory %.0f MB, order %.0f MB%n", outcome.ok(),
                        outcome.ok() / outcome.seconds(), fresh.get("rss_mb_inventory"), fresh.get("rss_mb_order"));
                // Measured and done with: no need to wait for a graceful stop.
                for (Service service : List.of(pair.order(), pair.inventory())) {
                    service.kill();
                }
            }
        }
    }

    /** Graceful stops (SIGTERM), side by side. */
    private static void stopAll(List<Service> services) {
        inParallel(services.size(), i -> services.get(i).stop());
    }

    /** How the fresh processes are started: JVM options per service, and environment on top of the usual. */
    record JvmOptions(List<String> inventory, List<String> order, List<String> environment) {
    }

    record FreshPair(Service inventory, Service order, double inventoryFirstMs, double orderFirstMs) {
    }

    /**
     * Starts inventory-service, then order-service, each measured from just before its process starts to its first
     * successful answer to real work: a reservation (201) for inventory-service, an order (201) for order-service.
     * With {@code loadCatalog} (the unmeasured first start), the catalog and customers are loaded in between.
     */
    private FreshPair startFresh(String inventoryDb, String orderDb, JvmOptions options, String label, Path customers,
            boolean loadCatalog) {
        Settings.Mode mode = Settings.Mode.TENTH; // the production default: 10 % sampling, exported
        Service inventory = Service.start(INVENTORY + "-" + label, jar(INVENTORY), options.inventory(),
                serviceEnvironment(mode, inventoryDb, options.environment()),
                logs.resolve(INVENTORY + "-" + label + ".log"), processes);
        if (loadCatalog) {
            inventory.awaitReady(http, Duration.ofSeconds(120));
            Catalog.loadProducts(http, inventory.baseUrl(), settings.products());
        }
        double inventoryFirst = FirstSuccess.reservation(http, inventory, Duration.ofSeconds(120));
        Map<String, String> environment = serviceEnvironment(mode, orderDb, options.environment());
        environment.put("QUARKUS_REST_CLIENT_INVENTORY_URL", inventory.baseUrl());
        Service order = Service.start(ORDER + "-" + label, jar(ORDER), options.order(), environment,
                logs.resolve(ORDER + "-" + label + ".log"), processes);
        if (loadCatalog) {
            order.awaitReady(http, Duration.ofSeconds(120));
            Catalog.loadCustomers(http, order.baseUrl(), settings.customers(), customers);
        }
        double orderFirst = FirstSuccess.order(http, order, customers, settings.products(), Duration.ofSeconds(120));
        return new FreshPair(inventory, order, inventoryFirst, orderFirst);
    }

    // ------------------------------------------------------------------------------------------------------------
    // CPU accounting
    // ------------------------------------------------------------------------------------------------------------

    record Cpu(double order, double inventory, double postgres, double harness) {
        double total() {
            return order + inventory + postgres + harness;
        }

        Cpu minus(Cpu other) {
            return new Cpu(order - other.order, inventory - other.inventory, postgres - other.postgres,
                    harness - other.harness);
        }

        Map<String, Object> perOrder(long orders) {
            Map<String, Object> values = new LinkedHashMap<>();
            double n = Math.max(1, orders);
            values.put("cpu_ms_per_order_order", 1000 * order / n);
            values.put("cpu_ms_per_order_inventory", 1000 * inventory / n);
            values.put("cpu_ms_per_order_postgres", 1000 * postgres / n);
            values.put("cpu_ms_per_order_receiver", 1000 * harness / n);
            return values;
        }
    }

    private Cpu cpu(Pair pair) {
        return new Cpu(pair.order().cpuSeconds(), pair.inventory().cpuSeconds(), postgresCpuSeconds(),
                cpuSeconds(ProcessHandle.current()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Small helpers
    // ------------------------------------------------------------------------------------------------------------

    private Map<String, Object> settingsSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mode", settings.smoke() ? "smoke" : "full");
        summary.put("runs", settings.runs());
        summary.put("modes", settings.modes().stream().map(mode -> mode.key).toList());
        summary.put("variants", settings.variants().stream().map(variant -> variant.label).toList());
        summary.put("pgbench_seconds", settings.pgbenchSeconds());
        summary.put("pgbench_clients", settings.pgbenchClients());
        summary.put("max_rate_seconds", settings.throughputSeconds());
        summary.put("wrk_connections", settings.connections());
        summary.put("warmup_seconds", settings.warmupSeconds());
        summary.put("latency_seconds", settings.latencySeconds());
        summary.put("latency_load_fraction", settings.latencyLoad());
        summary.put("orders_for_rss", settings.ordersForRss());
        summary.put("products", settings.products());
        summary.put("customers", settings.customers());
        summary.put("extra_service_environment", settings.extraServiceEnvironment());
        summary.put("started_at", Instant.now().toString());
        return summary;
    }

    static double msSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    @SafeVarargs
    static <T> List<T> concat(List<T> list, T... more) {
        List<T> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    private static final long START_NANOS = System.nanoTime();

    static void step(String description) {
        System.out.printf("[%4.0fs] %s... ", (System.nanoTime() - START_NANOS) / 1e9, description);
        System.out.flush();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", interrupted);
        }
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            });
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static JsonNode post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Runs tasks on virtual threads and waits for them all. */
    static void inParallel(int count, java.util.function.IntConsumer task) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger index = new AtomicInteger();
            for (int i = 0; i < count; i++) {
                futures.add(executor.submit(() -> task.accept(index.getAndIncrement())));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception failure) {
            throw new IllegalStateException(failure.getCause() != null ? failure.getCause() : failure);
        }
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
