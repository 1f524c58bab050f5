package dev.reactivetracing.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.reactivetracing.bench.support.HttpJson;
import dev.reactivetracing.tooling.process.ExternalCommand;

/**
 * Open-model load (bench/loadgen, Hyperfoil) in its own JVM, on its own class path (the system property
 * {@code bench.loadgen.classpath}, which bin/bench sets to the module's jar and target/lib): one constant rate, or a
 * rising rate in steps, each step reported on its own.
 */
public final class OpenLoadRun {

    public static final String CLASSPATH_PROPERTY = "bench.loadgen.classpath";

    private OpenLoadRun() {
    }

    /**
     * @param rates orders per second of each step
     * @param timeoutSeconds an order not answered 2xx within this, from its scheduled start, has failed
     * @return one map per step: what the load generator wrote plus p50/p90/p99/p99.9/max, total and failed
     */
    public static List<Map<String, Object>> run(String orderUrl, Path customersFile, int products, OrderShape shape,
            List<Double> rates, int stepSeconds, int warmupSeconds, int connections, int timeoutSeconds, Path work,
            Path log) {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("-D" + CLASSPATH_PROPERTY + " is not set: run the benchmark with bin/bench");
        }
        Path out = work.resolve("open-" + System.nanoTime() + ".json");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx512m", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", classpath, "dev.reactivetracing.bench.loadgen.OpenLoad",
                "--url", orderUrl,
                "--rates", rates.stream().map(rate -> String.format(Locale.ROOT, "%.1f", rate))
                        .collect(Collectors.joining(",")),
                "--duration", Integer.toString(stepSeconds),
                "--warmup", Integer.toString(warmupSeconds),
                "--products", Integer.toString(products),
                "--items", Integer.toString(shape.items()),
                "--connections", Integer.toString(connections),
                "--max-sessions", Integer.toString(Math.max(2000, connections * 8)),
                "--timeout", Integer.toString(timeoutSeconds),
                "--customers", customersFile.toString(), "--out", out.toString()));
        if (shape.isHot()) {
            command.addAll(List.of("--product", shape.hotProduct()));
        }
        ExternalCommand.run(command, Map.of(), log,
                Duration.ofSeconds((long) stepSeconds * rates.size() + warmupSeconds + 90L), false);
        try {
            return steps(Files.readString(out));
        } catch (IOException failure) {
            throw new IllegalStateException("The load generator wrote no readable result (see " + log + ")", failure);
        }
    }

    /** The load generator's JSON, each step with the fields the report reads. */
    static List<Map<String, Object>> steps(String json) throws IOException {
        Map<String, Object> result = HttpJson.JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Object entry : (List<?>) result.get("steps")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> step = new LinkedHashMap<>((Map<String, Object>) entry);
            @SuppressWarnings("unchecked")
            Map<String, Object> percentiles = (Map<String, Object>) step.get("percentiles_ms");
            step.put("p50_ms", percentiles.get("50"));
            step.put("p90_ms", percentiles.get("90"));
            step.put("p99_ms", percentiles.get("99"));
            step.put("p99_9_ms", percentiles.get("99.9"));
            step.put("max_ms", percentiles.get("100"));
            long requests = ((Number) step.get("requests")).longValue();
            long ok = ((Number) step.get("status_2xx")).longValue();
            long late = step.get("answered_late") instanceof Number number ? number.longValue() : 0;
            step.put("total", requests);
            // Not answered 2xx, or answered after the timeout (waiting for a connection included).
            step.put("failed", Math.min(requests, requests - ok + late));
            steps.add(step);
        }
        return steps;
    }
}
