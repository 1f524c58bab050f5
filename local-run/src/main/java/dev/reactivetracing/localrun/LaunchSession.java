package dev.reactivetracing.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.localrun.PortAvailability.PortChoice;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;
import dev.reactivetracing.tooling.process.LeftoverProcesses;
import dev.reactivetracing.tooling.process.ShutdownSequence;

/**
 * What {@code bin/run} and {@code bin/dev} share around the processes they start: the shutdown sequence Ctrl-C runs,
 * the record of started processes that the next run stops if this one was killed, the HTTP client, and the start of
 * the trace UI: Zipkin, and the OTLP receiver that forwards the services' spans to it.
 *
 * @param description how messages name the run ("local run", "dev run")
 */
record LaunchSession(String description, LocalRunPaths paths, ShutdownSequence shutdown,
        LeftoverProcesses leftovers, HttpClient http, ObjectMapper json) {

    /**
     * A session whose shutdown sequence runs when the JVM exits (Ctrl-C, SIGTERM or the end of the run), then forgets
     * the processes it stopped. Creates the log directory.
     */
    static LaunchSession install(String description, LocalRunPaths paths) {
        createDirectories(paths.logDirectory());
        ShutdownSequence shutdown = new ShutdownSequence();
        LeftoverProcesses leftovers = new LeftoverProcesses(paths.processFile(), description);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.run();
            leftovers.clear();
        }, description.replace(' ', '-') + "-shutdown"));
        // HTTP/1.1: Zipkin, the services' health checks and the demo order need nothing more.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new LaunchSession(description, paths, shutdown, leftovers, http, new ObjectMapper());
    }

    /**
     * Stops what an earlier run of the same kind left running (it was killed before its shutdown ran), then checks
     * that the three ports are free. False, with the problems printed, if one is not.
     */
    boolean prepare(LocalRunOptions options) {
        List<String> stopped = leftovers.takeOver();
        if (!stopped.isEmpty()) {
            System.out.println("Stopped what an earlier " + description + " left running: "
                    + String.join(", ", stopped));
        }
        List<String> portProblems = PortAvailability.problems(List.of(
                new PortChoice(LocalRunOptions.ORDER, options.orderPort()),
                new PortChoice(LocalRunOptions.INVENTORY, options.inventoryPort()),
                new PortChoice(LocalRunOptions.ZIPKIN, options.zipkinPort())));
        portProblems.forEach(System.err::println);
        return portProblems.isEmpty();
    }

    /** Zipkin on the chosen port, stopped by the shutdown sequence and recorded as started. */
    ZipkinServer startZipkin(LocalRunOptions options) {
        ZipkinServer zipkin = ZipkinServer.start(paths.zipkinJar(), options.zipkinPort(), paths.logFile("zipkin"),
                http, json);
        shutdown.add("Zipkin", () -> zipkin.stop(Duration.ofSeconds(10)));
        leftovers.record("Zipkin", zipkin.process());
        return zipkin;
    }

    /**
     * The services export OTLP, as in production; this in-process receiver hands each batch to Zipkin. It answers an
     * export only after forwarding it, so a service that stopped has had all its spans forwarded.
     */
    OtlpHttpReceiver startReceiver(ZipkinServer zipkin) {
        OtlpHttpReceiver receiver = OtlpHttpReceiver.start(0);
        receiver.addSpanListener(new ZipkinForwarder(zipkin, http, json, shutdown::hasStarted));
        // The receiver also keeps what it receives, for tests to assert on; here nobody reads it: forget it regularly.
        receiver.forgetReceivedEvery(Duration.ofMinutes(1));
        shutdown.add("OTLP receiver", receiver::close);
        return receiver;
    }

    /**
     * Blocks until one of the processes exits. Ctrl-C reaches the children too (same process group), so an exit is
     * only unexpected if our own shutdown has not begun shortly after it: then the process, else empty.
     */
    Optional<WatchedProcess> awaitUnexpectedExit(List<WatchedProcess> watched) throws InterruptedException {
        CompletableFuture<?>[] exits = watched.stream()
                .map(child -> child.process().onExit().thenApply(ignored -> child))
                .toArray(CompletableFuture[]::new);
        WatchedProcess exited;
        try {
            exited = (WatchedProcess) CompletableFuture.anyOf(exits).get();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        Thread.sleep(1_000);
        return shutdown.hasStarted() ? Optional.empty() : Optional.of(exited);
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not create " + directory, failure);
        }
    }
}
