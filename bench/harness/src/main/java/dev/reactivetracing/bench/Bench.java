package dev.reactivetracing.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.bench.jobs.FreshStartJob;
import dev.reactivetracing.bench.jobs.HotProductJob;
import dev.reactivetracing.bench.jobs.RunContext;
import dev.reactivetracing.bench.jobs.SqlCeilingJob;
import dev.reactivetracing.bench.jobs.TracingCostJob;
import dev.reactivetracing.bench.report.ReportWriter;
import dev.reactivetracing.bench.report.Results;
import dev.reactivetracing.bench.report.Targets;
import dev.reactivetracing.bench.settings.Job;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.Setup;
import dev.reactivetracing.bench.settings.ShippedJvm;
import dev.reactivetracing.bench.settings.Usage;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.bench.support.HttpJson;
import dev.reactivetracing.bench.support.Tasks;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.Machine;
import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.process.LeftoverProcesses;
import dev.reactivetracing.tooling.process.ShutdownSequence;

/**
 * bin/bench: the benchmark, in one invocation so that every ratio compares numbers taken minutes apart on the same
 * machine. Runs the jobs the settings select, in order, then writes the report. See bench/README.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] arguments) {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        ShippedJvm shipped = ShippedJvm.read(root);
        Settings settings;
        try {
            if (List.of(arguments).contains("--help") || List.of(arguments).contains("-h")) {
                System.out.print(Usage.text(shipped));
                return;
            }
            settings = Settings.parse(arguments, root, shipped);
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.err.print(Usage.text(shipped));
            System.exit(2);
            return;
        }
        // Stops what a killed earlier run left behind, before its work directory is deleted; refuses to run beside a
        // live one. The record lives beside the work directory, which is recreated below.
        LeftoverProcesses leftovers = new LeftoverProcesses(settings.work().resolveSibling(
                settings.work().getFileName() + ".processes"), "benchmark");
        List<String> stopped = leftovers.takeOver();
        if (!stopped.isEmpty()) {
            System.out.println("Stopped what an earlier run left running: " + String.join(", ", stopped));
        }
        Directories.deleteRecursively(settings.work());
        Directories.create(settings.work().resolve("logs"));
        // zonky's embedded PostgreSQL logs through SLF4J: into a file, as every other process does.
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.work().resolve("logs/postgres.log").toString());
        ShutdownSequence shutdown = new ShutdownSequence();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.run();
            leftovers.clear();
        }, "bench-stop"));
        startWatchdog(timeLimit(settings));

        int exit;
        try {
            exit = run(settings, new Infrastructure(settings, shutdown, leftovers, HttpJson.client()));
        } catch (RuntimeException | IOException failure) {
            System.err.println();
            System.err.println("bench: FAILED: " + failure);
            failure.printStackTrace();
            exit = 1;
        } finally {
            shutdown.run();
            leftovers.clear();
        }
        System.exit(exit);
    }

    /**
     * Bounded in time whatever happens: past the limit, exit (the shutdown hook stops everything started). The limit
     * is one and a half times what the settings ask for on 2 cores, where the outbox drain after a max-rate run takes
     * about as long as the run (a fixed limit would stop a run given more rounds or pairs).
     */
    static Duration timeLimit(Settings settings) {
        if (settings.smoke()) {
            return Duration.ofMinutes(10);
        }
        long seconds = 10 * 60; // starting PostgreSQL and the pairs, stopping them, the report
        if (settings.runs(Job.SQL_CEILING)) {
            seconds += 2L * settings.minRounds() * (settings.pgbenchSeconds() + 5);
        }
        if (settings.runs(Job.TRACING_COST)) {
            List<Setup> setups = settings.setups();
            long perRun = 2L * (settings.rewarmSeconds() + settings.throughputSeconds()) + 10;
            long perFork = 60 + setups.size() * 2L * settings.warmupSeconds()
                    + setups.size() * (long) settings.maxRounds() * perRun;
            seconds += settings.forks() * perFork;
            seconds += setups.stream().filter(Setup::measuresLatency).count() * settings.minRounds()
                    * (2L * settings.rewarmSeconds() + settings.latencySeconds() + 15);
        }
        if (settings.runs(Job.HOT_PRODUCT)) {
            seconds += 25 * 60;
        }
        if (settings.runs(Job.FRESH_START)) {
            seconds += 12 * 60;
        }
        return Duration.ofSeconds(seconds * 3 / 2).plusMinutes(settings.serveMinutes());
    }

    private static void startWatchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            Tasks.sleep(limit);
            System.err.println();
            System.err.println("bench: still running after " + limit.toMinutes() + " min: stopping (FAILED)");
            System.exit(3);
        }, "bench-time-limit");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static int run(Settings settings, Infrastructure infrastructure) throws IOException {
        long started = System.nanoTime();
        Results results = new Results();
        results.put("settings", summary(settings));
        Machine.describe(settings.root()).forEach(results::machine);
        System.out.println("Benchmark (" + settings.kind() + "), work directory "
                + settings.root().relativize(settings.work()) + ", load average " + Machine.loadAverage());

        infrastructure.start();
        results.machine("postgresql", infrastructure.postgres().queryForString("postgres", "SELECT version()"));
        results.machine("postgresql_settings", infrastructure.postgres().queryForString("postgres", """
                SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'max_connections',
                               'shared_buffers', 'wal_level')"""));
        RunContext context = new RunContext(infrastructure, results);
        if (settings.serveMinutes() > 0) {
            new TracingCostJob(context).run();
            return 0;
        }
        if (settings.runs(Job.SQL_CEILING)) {
            new SqlCeilingJob(context).run();
        }
        if (settings.runs(Job.TRACING_COST)) {
            new TracingCostJob(context).run();
        }
        if (settings.runs(Job.HOT_PRODUCT)) {
            new HotProductJob(context).run();
        }
        if (settings.runs(Job.FRESH_START)) {
            new FreshStartJob(context).run();
        }

        results.machine("load_average_end", Machine.loadAverage());
        results.put("elapsed_s", (System.nanoTime() - started) / 1e9);
        Console.step("Writing the report");
        Targets targets = ReportWriter.write(settings, results);
        Console.done();
        System.out.println();
        System.out.println(targets.summary());
        System.out.println("Results: " + settings.root().relativize(settings.out().resolve("results.md")) + " (and "
                + "results.json, latency.png); logs in " + settings.root().relativize(infrastructure.logs()));
        if (context.failuresSeen()) {
            System.err.println("bench: some runs had failed requests (see the results): FAILED");
            return 1;
        }
        return 0;
    }

    private static Map<String, Object> summary(Settings settings) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("kind", settings.kind());
        summary.put("jobs", settings.jobs().stream().sorted().map(Enum::name).toList());
        summary.put("runs", settings.minRounds());
        summary.put("max_rate_rounds_at_most", settings.maxRounds());
        summary.put("forks", settings.forks());
        summary.put("setups", settings.setups().stream().map(Setup::key).toList());
        summary.put("pgbench_seconds", settings.pgbenchSeconds());
        summary.put("pgbench_clients", settings.pgbenchClients());
        summary.put("max_rate_seconds", settings.throughputSeconds());
        summary.put("wrk_connections", settings.connections());
        summary.put("warmup_seconds", settings.warmupSeconds());
        summary.put("rewarm_seconds", settings.rewarmSeconds());
        summary.put("latency_seconds", settings.latencySeconds());
        summary.put("latency_load_fraction", settings.latencyLoad());
        summary.put("orders_for_rss", settings.ordersForRss());
        summary.put("products", settings.products());
        summary.put("customers", settings.customers());
        summary.put("service_jvm_options", String.join(" ", settings.serviceJvmOptions()));
        summary.put("service_jvm_environment", settings.serviceJvmEnvironment());
        summary.put("extra_service_environment", settings.extraServiceEnvironment());
        summary.put("hot_product", settings.hot().toString());
        summary.put("started_at", Instant.now().toString());
        return summary;
    }
}
