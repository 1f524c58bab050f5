package dev.reactivetracing.localrun;

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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Zipkin server (its executable jar, a Maven artifact) as a process of its own: the trace UI of the local run.
 * Spans live in memory and go with the process.
 */
final class ZipkinServer {

    private final Process process;
    private final int port;
    private final Path logFile;
    private final HttpClient http;
    private final ObjectMapper json;

    private ZipkinServer(Process process, int port, Path logFile, HttpClient http, ObjectMapper json) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.http = http;
        this.json = json;
    }

    /** Starts Zipkin on {@code port} and returns once its health check answers 200. */
    static ZipkinServer start(Path executableJar, int port, Path logFile, HttpClient http, ObjectMapper json) {
        if (!Files.isRegularFile(executableJar)) {
            throw new IllegalStateException(executableJar + " is missing: build first (bin/run does)");
        }
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // Zipkin's Armeria server listens on all interfaces by default. An unauthenticated UI holding request
                // data stays on loopback: the port list is Armeria's Spring Boot setting, replaced as a whole.
                "-Darmeria.ports[0].ip=127.0.0.1",
                "-Darmeria.ports[0].port=" + port,
                "-Darmeria.ports[0].protocols[0]=http",
                "-jar", executableJar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("QUERY_PORT", Integer.toString(port));
        builder.environment().put("STORAGE_TYPE", "mem");
        try {
            ZipkinServer zipkin = new ZipkinServer(builder.start(), port, logFile, http, json);
            zipkin.awaitHealthy(Duration.ofSeconds(90));
            return zipkin;
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not start Zipkin", failure);
        }
    }

    String uiUrl() {
        return baseUrl() + "/zipkin/";
    }

    String traceUrl(String traceId) {
        return baseUrl() + "/zipkin/traces/" + traceId;
    }

    /** Where Zipkin's HTTP collector takes spans in its v2 JSON format. */
    URI spansEndpoint() {
        return URI.create(baseUrl() + "/api/v2/spans");
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    boolean isRunning() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** The services (local endpoints) of the spans Zipkin holds for the trace; empty while it has none. */
    Set<String> servicesOfTrace(String traceId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/trace/"
                + traceId)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        Set<String> services = new TreeSet<>();
        if (response.statusCode() == 200) {
            for (JsonNode span : json.readTree(response.body())) {
                services.add(span.path("localEndpoint").path("serviceName").asText());
            }
        }
        return services;
    }

    /** SIGTERM, then SIGKILL if Zipkin has not exited after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitHealthy(Duration timeout) {
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with " + process.exitValue() + " while starting; see "
                        + logFile);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            pause(Duration.ofMillis(250));
        }
        stop(Duration.ofSeconds(5));
        throw new IllegalStateException("Zipkin was not healthy within " + timeout + "; see " + logFile);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
