import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.tooling.process.FreePorts;

/**
 * One service started from its packaged fast-jar ({@code target/quarkus-app/quarkus-run.jar}) as its own JVM, as in
 * production: configuration from environment variables, JVM options as given. Keeps the instant just before the
 * process was started, for the start-to-first-order measurement.
 */
final class Service {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final long startNanos;
    private final List<String> command;

    private Service(String name, Process process, int port, Path log, long startNanos, List<String> command) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startNanos = startNanos;
        this.command = command;
    }

    /** Starts the process and returns at once (see {@link #awaitReady}). */
    static Service start(String name, Path jar, List<String> jvmOptions, Map<String, String> environment, Path log,
            Processes processes) {
        int port = FreePorts.find();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // A JVM crash report goes next to the logs, not into the working directory (the repository).
        command.add("-XX:ErrorFile=" + log.toAbsolutePath().getParent().resolve("hs_err_" + name + "_%p.log"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(variables);
            long startNanos = System.nanoTime();
            Process process = builder.start();
            Service service = new Service(name, process, port, log, startNanos, command);
            processes.recordPid(name, process.pid());
            processes.onClose(name, () -> service.stop());
            return service;
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not start " + name, failure);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    long startNanos() {
        return startNanos;
    }

    Path log() {
        return log;
    }

    List<String> command() {
        return command;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Polls readiness ({@code /q/health/ready}) every 20 ms. */
    Service awaitReady(HttpClient http, Duration timeout) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n"
                        + logTail(40));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", interrupted);
            }
            Bench.sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s:\n"
                + logTail(40));
    }

    /** Resident set size in kB, from /proc (Linux). */
    long rssKb() {
        return procStatus("VmRSS:");
    }

    /** The anonymous part of RSS (heap, metaspace, code cache, stacks, malloc) in kB; the rest is mapped files. */
    long rssAnonKb() {
        return procStatus("RssAnon:");
    }

    /** Peak resident set size in kB. */
    long peakRssKb() {
        return procStatus("VmHWM:");
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
            throw new IllegalStateException(field + " not in /proc/" + process.pid() + "/status");
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot read the memory of " + name, failure);
        }
    }

    /** CPU time (user + system) the process has used so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(0.0);
    }

    /** Graceful stop (SIGTERM: in-flight requests finish, spans are flushed), SIGKILL after 30 s. */
    void stop() {
        Processes.stop(process.toHandle(), Duration.ofSeconds(30));
    }

    /** SIGKILL, for a process whose measurement is over. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    String logTail(int lines) {
        try {
            return Processes.tail(Files.readString(log), lines);
        } catch (IOException unreadable) {
            return "(log unreadable: " + unreadable.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + baseUrl() + ")";
    }
}
