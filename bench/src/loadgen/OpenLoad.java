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
 * Open-model load: {@code POST /api/orders} at a constant arrival rate, with Hyperfoil (Maven Central) running in this
 * JVM. Each new order starts at its scheduled time whether or not earlier ones have answered (Hyperfoil's
 * {@code constantRate} phase), so a slow response cannot hold back the requests behind it (no coordinated omission):
 * what the latency percentiles show is what a client arriving at that rate sees.
 *
 * <p>Writes one JSON object: requests, responses, status classes, errors, blocked time, the achieved rate, and the
 * latency percentiles in milliseconds (the full distribution, for the plot).
 *
 * <pre>
 * java -cp 'bench/target/hyperfoil-lib/*:bench/target/loadgen-classes' OpenLoad --url http://localhost:8080 \
 *     --rate 200 --duration 20 --warmup 3 --customers ids.txt --products 200 --out result.json
 * </pre>
 */
public final class OpenLoad {

    /** The percentiles written out, for the table and the plot (HdrHistogram values, nanoseconds). */
    private static final double[] PERCENTILES = {
            10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 97.5, 98, 98.5, 99, 99.25, 99.5, 99.75,
            99.9, 99.95, 99.99, 100 };

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = options(arguments);
        String url = required(options, "url");
        double rate = Double.parseDouble(required(options, "rate"));
        int duration = Integer.parseInt(required(options, "duration"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        int products = Integer.parseInt(required(options, "products"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        int maxSessions = Integer.parseInt(options.getOrDefault("max-sessions", "2000"));
        List<String> customers = Files.readAllLines(Path.of(required(options, "customers"))).stream()
                .map(String::trim).filter(line -> !line.isEmpty()).toList();
        Path out = Path.of(required(options, "out"));

        String yaml = benchmark(url, rate, duration, warmup, products, customers, connections, maxSessions);
        Benchmark benchmark = BenchmarkParser.instance().buildBenchmark(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
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

        StatisticsSnapshot main;
        synchronized (totals) {
            main = totals.getOrDefault("main", new StatisticsSnapshot());
        }
        Files.writeString(out, json(main, rate, duration, elapsed));
        System.out.println(Files.readString(out));
    }

    /** The Hyperfoil benchmark: an optional warm-up phase at the same rate, then the measured phase "main". */
    static String benchmark(String url, double rate, int duration, int warmup, int products, List<String> customers,
            int connections, int maxSessions) {
        StringBuilder customerList = new StringBuilder();
        for (String customer : customers) {
            customerList.append("          - ").append(customer).append('\n');
        }
        int half = products / 2;
        String scenario = """
                    scenario:
                    - order:
                      - randomItem:
                          toVar: customer
                          list:
                %s      - randomInt: first <- 0 .. %d
                      - randomInt: second <- %d .. %d
                      - httpRequest:
                          POST: /api/orders
                          headers:
                            content-type: application/json
                          body:
                            pattern: '{"customer_id":"${customer}","items":[{"product_id":"BENCH-${first}","quantity":1},{"product_id":"BENCH-${second}","quantity":1}]}'
                          timeout: 10s
                """.formatted(customerList.toString().indent(2), half - 1, half, products - 1);
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                name: orders-open-model
                threads: 1
                http:
                  host: %s
                  sharedConnections: %d
                ergonomics:
                  autoRangeCheck: false
                  stopOnInvalid: false
                phases:
                """.formatted(url, connections));
        if (warmup > 0) {
            yaml.append("""
                    - warmup:
                        constantRate:
                          usersPerSec: %s
                          duration: %ds
                          maxSessions: %d
                          isWarmup: true
                    """.formatted(number(rate), warmup, maxSessions)).append(scenario.indent(2));
        }
        yaml.append("""
                - main:
                    constantRate:
                      usersPerSec: %s
                      duration: %ds
                      maxSessions: %d
                """.formatted(number(rate), duration, maxSessions)).append(warmup > 0 ? "      startAfter: warmup\n" : "")
                .append(scenario.indent(2));
        return yaml.toString();
    }

    private static String json(StatisticsSnapshot stats, double targetRate, int duration, double elapsed) {
        HttpStats http = HttpStats.get(stats);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target_rate", targetRate);
        fields.put("duration_s", duration);
        fields.put("requests", stats.requestCount);
        fields.put("responses", stats.responseCount);
        fields.put("achieved_rate", stats.responseCount / (double) duration);
        fields.put("status_2xx", http.status_2xx);
        fields.put("status_4xx", http.status_4xx);
        fields.put("status_5xx", http.status_5xx);
        fields.put("invalid", stats.invalid);
        fields.put("connection_errors", stats.connectionErrors);
        fields.put("timeouts", stats.requestTimeouts);
        fields.put("internal_errors", stats.internalErrors);
        fields.put("blocked_ms", stats.blockedTime / 1_000_000.0);
        fields.put("elapsed_s", elapsed);
        fields.put("mean_ms", stats.histogram.getTotalCount() == 0 ? 0 : stats.histogram.getMean() / 1e6);
        List<String> entries = new ArrayList<>();
        if (stats.histogram.getTotalCount() > 0) {
            for (double percentile : PERCENTILES) {
                entries.add(String.format(Locale.ROOT, "\"%s\": %.3f", number(percentile),
                        stats.histogram.getValueAtPercentile(percentile) / 1e6));
            }
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append('"').append(name).append("\": ")
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value).append(", "));
        json.append("\"percentiles_ms\": {").append(String.join(", ", entries)).append("}}\n");
        return json.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Map<String, String> options(String[] arguments) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            if (!arguments[i].startsWith("--") || i + 1 >= arguments.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + arguments[i]);
            }
            options.put(arguments[i].substring(2), arguments[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private OpenLoad() {
    }

    static {
        // Hyperfoil logs through Log4j 2: warnings and errors only, on the console.
        System.setProperty("log4j2.level", System.getProperty("log4j2.level", "WARN"));
    }
}
