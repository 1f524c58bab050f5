package dev.reactivetracing.bench.loadgen;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hyperfoil.api.config.Benchmark;
import io.hyperfoil.api.statistics.StatisticsSnapshot;
import io.hyperfoil.core.impl.LocalBenchmarkData;
import io.hyperfoil.core.impl.LocalSimulationRunner;
import io.hyperfoil.core.parser.BenchmarkParser;
import io.hyperfoil.http.statistics.HttpStats;

/**
 * Open-model load: {@code POST /api/orders} at a constant arrival rate, or at a rising rate in steps, with Hyperfoil
 * (Maven Central) running in this JVM. Each new order starts at its scheduled time whether or not earlier ones have
 * answered (Hyperfoil's {@code constantRate} phase), so a slow response cannot hold back the requests behind it (no
 * coordinated omission): what the latency percentiles show is what a client arriving at that rate sees.
 *
 * <p>Writes one JSON object with one entry per step: attempts, answers by status class, errors, timeouts, blocked time,
 * and the latency percentiles in milliseconds (the full distribution, for the plot). See {@link OpenLoadOptions} for
 * the arguments.
 */
public final class OpenLoad {

    /** The percentiles written out, for the tables and the plot (HdrHistogram values, nanoseconds). */
    private static final double[] PERCENTILES = {
            10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 97.5, 98, 98.5, 99, 99.25, 99.5, 99.75,
            99.9, 99.95, 99.99, 100 };

    private OpenLoad() {
    }

    public static void main(String[] arguments) throws Exception {
        OpenLoadOptions options;
        try {
            options = OpenLoadOptions.parse(arguments);
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.err.print(OpenLoadOptions.USAGE);
            System.exit(2);
            return;
        }
        List<String> customers = Files.readAllLines(Path.of(options.customersFile())).stream()
                .map(String::trim).filter(line -> !line.isEmpty()).toList();
        Benchmark benchmark = BenchmarkParser.instance().buildBenchmark(
                new ByteArrayInputStream(BenchmarkYaml.of(options, customers).getBytes(StandardCharsets.UTF_8)),
                new LocalBenchmarkData(Path.of(".")), Map.of());

        Map<String, StatisticsSnapshot> totals = new HashMap<>();
        LocalSimulationRunner runner = new LocalSimulationRunner(benchmark,
                (phase, stepId, metric, snapshot, countDown) -> {
                    synchronized (totals) {
                        totals.computeIfAbsent(phase.name(), ignored -> new StatisticsSnapshot()).add(snapshot);
                    }
                },
                null, null);
        long start = System.nanoTime();
        runner.run();
        double elapsed = (System.nanoTime() - start) / 1e9;

        List<String> steps = new ArrayList<>();
        synchronized (totals) {
            for (int i = 0; i < options.rates().size(); i++) {
                steps.add(stepJson(BenchmarkYaml.stepName(i), totals.getOrDefault(BenchmarkYaml.stepName(i),
                        new StatisticsSnapshot()), options.rates().get(i), options.stepSeconds(),
                        options.timeoutSeconds()));
            }
        }
        String json = String.format(Locale.ROOT, "{\"elapsed_s\": %.3f, \"steps\": [%s]}%n", elapsed,
                String.join(", ", steps));
        Files.writeString(Path.of(options.out()), json);
        System.out.print(json);
    }

    /**
     * One step's figures. {@code answered_late} counts the answers that took longer than the timeout: Hyperfoil's
     * latency includes the time an order waited for a free connection, its request timeout does not (it starts when
     * the request is sent), so a saturated connection pool shows up here rather than as timeouts.
     */
    private static String stepJson(String name, StatisticsSnapshot stats, double targetRate, int seconds,
            int timeoutSeconds) {
        HttpStats http = HttpStats.get(stats);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", "\"" + name + "\"");
        fields.put("target_rate", targetRate);
        fields.put("duration_s", seconds);
        fields.put("requests", stats.requestCount);
        fields.put("responses", stats.responseCount);
        fields.put("attempts_per_s", stats.requestCount / (double) seconds);
        fields.put("achieved_rate", stats.responseCount / (double) seconds);
        fields.put("status_2xx", http.status_2xx);
        fields.put("status_4xx", http.status_4xx);
        fields.put("status_5xx", http.status_5xx);
        fields.put("invalid", stats.invalid);
        fields.put("connection_errors", stats.connectionErrors);
        fields.put("timeouts", stats.requestTimeouts);
        fields.put("internal_errors", stats.internalErrors);
        fields.put("blocked_ms", stats.blockedTime / 1_000_000.0);
        fields.put("timeout_ms", timeoutSeconds * 1000);
        long timeoutNanos = timeoutSeconds * 1_000_000_000L;
        fields.put("answered_late", stats.histogram.getTotalCount() == 0 ? 0
                : stats.histogram.getTotalCount() - stats.histogram.getCountBetweenValues(0, timeoutNanos));
        fields.put("mean_ms", stats.histogram.getTotalCount() == 0 ? 0.0 : stats.histogram.getMean() / 1e6);
        List<String> entries = new ArrayList<>();
        if (stats.histogram.getTotalCount() > 0) {
            for (double percentile : PERCENTILES) {
                entries.add(String.format(Locale.ROOT, "\"%s\": %.3f", BenchmarkYaml.number(percentile),
                        stats.histogram.getValueAtPercentile(percentile) / 1e6));
            }
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((field, value) -> json.append('"').append(field).append("\": ")
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value).append(", "));
        json.append("\"percentiles_ms\": {").append(String.join(", ", entries)).append("}}");
        return json.toString();
    }

    static {
        // Hyperfoil logs through Log4j 2: warnings and errors only, on the console.
        System.setProperty("log4j2.level", System.getProperty("log4j2.level", "WARN"));
    }
}
