package dev.reactivetracing.tooling.process;

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

/**
 * A JVM application started from its jar as a process of its own, and ready once an HTTP path answers 200: a packaged
 * Quarkus service ({@code target/quarkus-app/quarkus-run.jar}, the defaults) running as in production, with real
 * HTTP, its own JVM and its configuration from environment variables; or another server such as Zipkin.
 *
 * <p>{@link Builder#start()} returns once the application is ready; {@link Builder#launch()} returns at once (the
 * caller registers how to stop it first, or measures how long it takes to serve), and {@link #awaitReady()} waits.
 * The instant just before the process was started is kept ({@link #startNanos()}), for start-up measurements.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final long startNanos;
    private final List<String> command;
    private final String readinessPath;
    private final Duration readinessTimeout;
    private final Duration readinessPollInterval;

    private ServiceProcess(String name, Process process, int port, Path logFile, long startNanos, List<String> command,
            Builder builder) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.startNanos = startNanos;
        this.command = List.copyOf(command);
        this.readinessPath = builder.readinessPath;
        this.readinessTimeout = builder.readinessTimeout;
        this.readinessPollInterval = builder.readinessPollInterval;
    }

    public static Builder forJar(Path runnerJar) {
        return new Builder(runnerJar);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startNanos() {
        return startNanos;
    }

    /** The command line it was started with. */
    public List<String> command() {
        return command;
    }

    /** CPU time (user + system) the process has used so far, in seconds. */
    public double cpuSeconds() {
        return ProcStats.cpuSeconds(process.toHandle());
    }

    /** Its resident memory now (Linux /proc). */
    public ProcStats.Memory memory() {
        return ProcStats.memory(process.pid());
    }

    /**
     * Sends SIGTERM and waits for a graceful exit (in-flight requests finish, spans are flushed), killing the process
     * only if it overruns {@code grace}. Returns the exit code (-1 if it could not be had).
     */
    public int stop(Duration grace) {
        ProcessStop.terminate(process.toHandle(), grace);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGKILL: for a process whose measurement is over and that need not stop cleanly. */
    public void kill() {
        ProcessStop.kill(process.toHandle());
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /** The last lines of the service's log, for failure messages. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /** The last lines of a text file, or a note saying it could not be read. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return "(log unreadable: " + unreadable.getMessage() + ")";
        }
    }

    public static final class Builder {
        private final Path runnerJar;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmArguments = new ArrayList<>();
        private String name;
        private int port;
        private Path logFile;
        private Duration readinessTimeout = Duration.ofSeconds(90);
        private Duration readinessPollInterval = Duration.ofMillis(200);
        private String readinessPath = "/q/health/ready";
        private String portVariable = "QUARKUS_HTTP_PORT";

        private Builder(Path runnerJar) {
            this.runnerJar = runnerJar;
            this.name = runnerJar.getFileName().toString();
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder jvmArgument(String argument) {
            jvmArguments.add(argument);
            return this;
        }

        public Builder jvmArguments(List<String> arguments) {
            jvmArguments.addAll(arguments);
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder readinessTimeout(Duration readinessTimeout) {
            this.readinessTimeout = readinessTimeout;
            return this;
        }

        /** How often readiness is polled (default 200 ms; shorter where the start itself is measured). */
        public Builder readinessPollInterval(Duration readinessPollInterval) {
            this.readinessPollInterval = readinessPollInterval;
            return this;
        }

        /** The path that answers 200 once the application is ready (default: Quarkus' {@code /q/health/ready}). */
        public Builder readinessPath(String readinessPath) {
            this.readinessPath = readinessPath;
            return this;
        }

        /** The environment variable that sets the HTTP port (default: Quarkus' {@code QUARKUS_HTTP_PORT}). */
        public Builder portVariable(String portVariable) {
            this.portVariable = portVariable;
            return this;
        }

        /** Starts the process and returns once the readiness path answers 200. */
        public ServiceProcess start() {
            ServiceProcess service = launch();
            service.awaitReady();
            return service;
        }

        /** Starts the process and returns at once, without waiting for it to be ready ({@link #awaitReady()}). */
        public ServiceProcess launch() {
            if (!Files.isRegularFile(runnerJar)) {
                throw new IllegalStateException(runnerJar + " does not exist: build first (./mvnw package "
                        + "-DskipTests; ./mvnw verify and bin/run build it too)");
            }
            int httpPort = port > 0 ? port : FreePorts.find();
            try {
                Path log = logFile != null ? logFile : Files.createTempFile(name + "-", ".log");
                Files.createDirectories(log.toAbsolutePath().getParent());
                List<String> command = new ArrayList<>();
                command.add(javaExecutable());
                command.addAll(jvmArguments);
                command.add("-jar");
                command.add(runnerJar.toAbsolutePath().toString());
                ProcessBuilder processBuilder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                processBuilder.environment().putAll(environment);
                processBuilder.environment().put(portVariable, Integer.toString(httpPort));
                long startNanos = System.nanoTime();
                return new ServiceProcess(name, processBuilder.start(), httpPort, log, startNanos, command, this);
            } catch (IOException failure) {
                throw new UncheckedIOException("Could not start " + name, failure);
            }
        }

        private static String javaExecutable() {
            return ProcessHandle.current().info().command().orElse("java");
        }
    }

    /**
     * Waits until the readiness path answers 200 (polling at the builder's interval, up to its timeout). A process that
     * exits meanwhile, or is not ready in time, fails with the end of its log (and is stopped).
     */
    public ServiceProcess awaitReady() {
        awaitReady(readinessPath, readinessTimeout);
        return this;
    }

    private void awaitReady(String readinessPath, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + readinessPath))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting. Log:"
                        + System.lineSeparator() + logTail(60));
            }
            try {
                if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(readinessPollInterval);
        }
        stop(Duration.ofSeconds(5));
        throw new IllegalStateException(name + " was not ready within " + timeout + ". Log:" + System.lineSeparator()
                + logTail(60));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + baseUrl() + ")";
    }
}
