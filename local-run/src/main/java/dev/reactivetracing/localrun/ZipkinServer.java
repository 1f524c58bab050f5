package dev.reactivetracing.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * The Zipkin server (its executable jar, a Maven artifact) as a process of its own: the trace UI of the local run.
 * Spans live in memory and go with the process.
 */
final class ZipkinServer {

    private final ServiceProcess process;
    private final HttpClient http;
    private final ObjectMapper json;

    private ZipkinServer(ServiceProcess process, HttpClient http, ObjectMapper json) {
        this.process = process;
        this.http = http;
        this.json = json;
    }

    /** Starts Zipkin on {@code port} and returns once its health check answers 200. */
    static ZipkinServer start(Path executableJar, int port, Path logFile, HttpClient http, ObjectMapper json) {
        ServiceProcess zipkin = ServiceProcess.forJar(executableJar)
                .name("Zipkin")
                .port(port)
                .portVariable("QUERY_PORT")
                .readinessPath("/health")
                // Zipkin's Armeria server listens on all interfaces by default. An unauthenticated UI holding request
                // data stays on loopback: the port list is Armeria's Spring Boot setting, replaced as a whole.
                .jvmArgument("-Darmeria.ports[0].ip=127.0.0.1")
                .jvmArgument("-Darmeria.ports[0].port=" + port)
                .jvmArgument("-Darmeria.ports[0].protocols[0]=http")
                .environment("STORAGE_TYPE", "mem")
                .logFile(logFile)
                .start();
        return new ZipkinServer(zipkin, http, json);
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
        return process.handle();
    }

    boolean isRunning() {
        return process.isAlive();
    }

    Path logFile() {
        return process.logFile();
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
        process.stop(grace);
    }

    private String baseUrl() {
        return process.baseUrl();
    }
}
