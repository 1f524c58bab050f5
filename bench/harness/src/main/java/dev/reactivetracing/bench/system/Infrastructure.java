package dev.reactivetracing.bench.system;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.LeftoverProcesses;
import dev.reactivetracing.tooling.process.ProcStats;
import dev.reactivetracing.tooling.process.ProcessStop;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.tooling.process.ShutdownSequence;

/**
 * What every job runs against: one embedded PostgreSQL (a database per service and setup), a real OTLP/HTTP receiver
 * in this JVM (the project's own, which decodes every export), and the bookkeeping of what was started: each process is
 * registered to be stopped in reverse order at the end (also on failure and Ctrl-C) and recorded, so that the next run
 * stops what a killed one left behind (tooling's ShutdownSequence and LeftoverProcesses, as bin/run does).
 */
public final class Infrastructure {

    /** Each service pair holds up to 2 x 20 connections (reactive pools of 20); a full run keeps up to ~9 pairs. */
    private static final int MAX_CONNECTIONS = 600;

    private final Settings settings;
    private final ShutdownSequence shutdown;
    private final LeftoverProcesses leftovers;
    private final HttpClient http;
    private final Path logs;
    private EmbeddedPostgresServer postgres;
    private Optional<ProcessHandle> postmaster = Optional.empty();
    private OtlpHttpReceiver receiver;
    private final AtomicLong spansReceived = new AtomicLong();
    private final AtomicLong exportRequests = new AtomicLong();
    /** Spans received per setup (the resource attribute bench.setup each pair exports with). */
    private final Map<String, AtomicLong> spansBySetup = new ConcurrentHashMap<>();

    public Infrastructure(Settings settings, ShutdownSequence shutdown, LeftoverProcesses leftovers, HttpClient http) {
        this.settings = settings;
        this.shutdown = shutdown;
        this.leftovers = leftovers;
        this.http = http;
        this.logs = settings.work().resolve("logs");
    }

    public void start() {
        startPostgres();
        startReceiver();
    }

    private void startPostgres() {
        Console.step("Starting PostgreSQL (embedded)");
        Path data = Directories.create(settings.work().resolve("pgdata"));
        postgres = EmbeddedPostgresServer.start(data, 0, MAX_CONNECTIONS);
        postmaster = postgres.postmaster();
        postmaster.ifPresent(process -> leftovers.record("PostgreSQL", process));
        shutdown.add("PostgreSQL", () -> {
            postgres.close();
            // The postmaster runs detached (pg_ctl): make sure it is gone.
            postmaster.ifPresent(process -> ProcessStop.terminate(process, Duration.ofSeconds(30)));
        });
        System.out.println("port " + postgres.port() + ", " + postgres.queryForString("postgres",
                "SHOW server_version"));
    }

    /** A real OTLP/HTTP receiver (decodes every batch); forgets the spans it keeps every second. */
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
        shutdown.add("OTLP receiver", receiver::close);
    }

    /** Starts a service process (not waiting for it to be ready), registered to be stopped at the end. */
    public ServiceProcess launch(String name, Path jar, List<String> jvmOptions, Map<String, String> environment) {
        ServiceProcess service = ServiceProcess.forJar(jar)
                .name(name)
                // A JVM crash report goes next to the logs, not into the working directory (the repository).
                .jvmArgument("-XX:ErrorFile=" + logs.resolve("hs_err_" + name + "_%p.log"))
                .jvmArguments(jvmOptions)
                .environment(environment)
                .logFile(logs.resolve(name + ".log"))
                .readinessTimeout(Duration.ofSeconds(120))
                .readinessPollInterval(Duration.ofMillis(20))
                .launch();
        leftovers.record(name, service.handle());
        shutdown.add(name, () -> service.stop(Duration.ofSeconds(30)));
        return service;
    }

    /**
     * CPU seconds used so far by PostgreSQL: the postmaster with the backends it has reaped (a pgbench connection's
     * backend exits before the run is over) plus every backend still running.
     */
    public double postgresCpuSeconds() {
        return postmaster.map(process -> ProcStats.cpuSeconds(process.pid(), true)
                + process.descendants().mapToDouble(child -> ProcStats.cpuSeconds(child.pid(), false)).sum())
                .orElse(0.0);
    }

    /** PostgreSQL's processes now: the postmaster, its backends and helpers. */
    public LongStream postgresProcesses() {
        return postmaster.map(process -> LongStream.concat(LongStream.of(process.pid()),
                process.descendants().mapToLong(ProcessHandle::pid))).orElse(LongStream.empty());
    }

    public long spansOf(String setupKey) {
        AtomicLong count = spansBySetup.get(setupKey);
        return count == null ? 0 : count.get();
    }

    public long spansReceived() {
        return spansReceived.get();
    }

    public long exportRequests() {
        return exportRequests.get();
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public OtlpHttpReceiver receiver() {
        return receiver;
    }

    public HttpClient http() {
        return http;
    }

    public Path logs() {
        return logs;
    }

    public Settings settings() {
        return settings;
    }
}
