package dev.reactivetracing.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.ShippedJvm;
import dev.reactivetracing.bench.support.HttpJson;
import dev.reactivetracing.bench.system.WaitTimes;

/** results.md and results.json from made-up results: no process is started. */
class MarkdownReportTest {

    @TempDir
    Path root;

    private Settings settings(String... arguments) {
        return Settings.parse(arguments, root, new ShippedJvm(List.of("-XX:+UseSerialGC", "-Xmx96m"),
                List.of("MALLOC_ARENA_MAX=2"), root.resolve(ShippedJvm.DOCKERFILE)));
    }

    private static Map<String, Object> maxRate(double ordersPerSecond, double cpuTotal, double cpuOrder) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("ok_per_s", ordersPerSecond);
        run.put("p99_ms", 50.0);
        run.put("cpu_ms_per_order_order", cpuOrder);
        run.put("cpu_ms_per_order_inventory", 0.5);
        run.put("cpu_ms_per_order_postgres", 1.2);
        run.put("cpu_ms_per_order_receiver", 0.0);
        run.put("cpu_ms_per_order_wrk", 0.04);
        run.put("cpu_ms_per_order_total", cpuTotal);
        run.put("cpu_bound_capacity_per_s", 2 * 1000 / cpuTotal);
        return run;
    }

    @Test
    void withForksEachRatioIsJudgedAcrossForksAndEachForkIsShown() {
        Settings settings = settings("--modes", "off,tenth", "--no-isolation", "--no-hot-product", "--no-fresh",
                "--forks", "6", "--runs", "2");
        Results results = new Results();
        List<Integer> tenthPerFork = List.of(96, 99, 80, 98, 97, 100);
        for (int fork = 1; fork <= 6; fork++) {
            for (int round = 0; round < 2; round++) {
                Map<String, Object> off = maxRate(100, 2.4, 0.8);
                off.put("fork", fork);
                results.addRun("max_rate_off", off);
                Map<String, Object> tenth = maxRate(tenthPerFork.get(fork - 1), 2.5, 0.85);
                tenth.put("fork", fork);
                results.addRun("max_rate_tenth", tenth);
            }
        }

        MarkdownReport report = new MarkdownReport(settings, results);
        String md = report.markdown(false);

        assertTrue(md.contains("Forks: 6, one after another"), md);
        assertTrue(md.contains("| 10 % sampling | off | 0.960 | 0.990 | 0.800 | 0.980 | 0.970 | 1.000 |"), md);
        assertTrue(md.contains("| 10 % sampling | off | 0.975 (0.800–1.000) | **not resolved** (spread 0.200 ≥ "
                + "difference 0.025)"), md);
        String[] goal = report.targets().rows().stream()
                .filter(row -> row[0].startsWith("max orders/s, 10 % sampling / tracing off (per fork")).findFirst()
                .orElseThrow();
        assertEquals("**undecided** (0.970 is inside 0.800–1.000)", goal[3], "one slow fork keeps it open");
    }

    @Test
    void theTracingCostTableGivesEachRatioWithItsSpreadAndSaysWhenItIsNotResolved() {
        Settings settings = settings("--modes", "off,tenth", "--no-hot-product", "--no-fresh");
        Results results = new Results();
        for (int round = 0; round < 6; round++) {
            results.addRun("max_rate_off", maxRate(800, 2.4, 0.8));
            // Not monotonic over the rounds: a steady state with noise, not a trend.
            results.addRun("max_rate_tenth", maxRate(700 + List.of(0, 30, 10, 50, 20, 40).get(round), 2.7, 0.9));
            results.addRun("max_rate_tenth_no_server_spans", maxRate(710, 2.69 - 0.02 * round, 0.88));
            results.addRun("max_rate_tenth_no_http_metrics", maxRate(705, 2.65, 0.87));
            results.addRun("max_rate_tenth_no_forced_traces", maxRate(700, 2.7, 0.9));
        }

        MarkdownReport report = new MarkdownReport(settings, results);
        String md = report.markdown(false);

        assertTrue(md.contains("| 10 % sampling | off | 0.906 (0.875–0.938) | resolved | 1.125 (1.125–1.125) | "
                + "resolved | 1.125 (1.125–1.125)"), md);
        assertTrue(md.contains("no Vert.x HTTP server instrumentation (QUARKUS_OTEL_INSTRUMENT_VERTX_HTTP=false) | "
                + "+0.060 (+0.010–+0.110) ms | **not resolved**"), md);
        assertTrue(md.contains("no HTTP server metrics (QUARKUS_OTEL_INSTRUMENT_HTTP_SERVER_METRICS=false) | "
                + "+0.050 (+0.050–+0.050) ms | resolved"), md);
        assertTrue(md.contains("Max-rate rounds (wrk, 15 s each"), md);
        String[] goal = report.targets().rows().stream()
                .filter(row -> row[0].startsWith("max orders/s, 10 % sampling")).findFirst().orElseThrow();
        assertEquals("≥ 0.97 × off", goal[2]);
        assertEquals("**no**", goal[3], "the whole interval is below the goal");
        String[] capacity = report.targets().rows().stream()
                .filter(row -> row[0].startsWith("capacity (cores ÷ CPU per order), 10 % sampling")).findFirst()
                .orElseThrow();
        assertTrue(capacity[1].startsWith("0.889 (0.889–0.889); resolved"), capacity[1]);
        assertEquals("**no**", capacity[3]);
    }

    @Test
    void theLatencySectionSaysWhatTheTailIsMadeOf() {
        Settings settings = settings("--modes", "off,tenth", "--no-isolation", "--no-hot-product", "--no-fresh");
        Results results = new Results();
        results.put("latency_rate_per_s", 400.0);
        results.addRun("max_rate_off", maxRate(800, 2.4, 0.8));
        Map<String, Object> off = new LinkedHashMap<>(Map.of("p50_ms", 2.0, "p90_ms", 5.0, "p99_ms", 15.0,
                "p99_9_ms", 30.0, "max_ms", 40.0, "achieved_rate", 400.0, "failed", 0L));
        off.putAll(new WaitTimes(0.8, 0.4, 1.2,
                new WaitTimes.Gc(12, 0.036),
                new WaitTimes.Gc(8, 0.016))
                .perOrder(8000, 20));
        results.addRun("latency_off", off);
        Map<String, Object> tenthWithoutWaits = new LinkedHashMap<>(off);
        tenthWithoutWaits.keySet().removeIf(key -> key.startsWith("run_queue") || key.startsWith("gc_"));
        results.addRun("latency_tenth", tenthWithoutWaits);

        String md = new MarkdownReport(settings, results).markdown(false);

        assertTrue(md.contains("### What the tail is made of"), md);
        assertTrue(md.contains("| tracing off | 2.00 ms | 15.00 ms | 0.100 ms | 0.050 ms | 0.150 ms | 12, 36.0 ms, "
                + "3.00 ms, 0.18 % | 8, 16.0 ms, 2.00 ms, 0.08 % |"), md);
        assertTrue(md.lines().noneMatch(line -> line.startsWith("| 10 % sampling | 2.00 ms | 15.00 ms | ")),
                "a setup without the figures has no row: " + md);
    }

    @Test
    void theHotProductSectionReportsEachStepTheMaxSustainedAndTheBursts() {
        Settings settings = settings("--hot-product", "--hot-steps", "0.5,1.0", "--hot-rounds", "1");
        Results results = new Results();
        results.addRun("hot_ramp_tenth_spread", ramp(400, List.of(step(200, 1600, 0, 5), step(400, 3150, 5, 40))));
        results.addRun("hot_ramp_tenth_hot", ramp(400, List.of(step(200, 1600, 0, 6), step(400, 3000, 400, 900))));
        for (String phase : List.of("cold", "warm")) {
            results.addRun("hot_burst_tenth_" + phase, burst(phase.equals("cold") ? 900 : 120));
            results.addRun("hot_burst_off_" + phase, burst(100));
        }

        MarkdownReport report = new MarkdownReport(settings, results);
        String md = report.markdown(false);

        assertTrue(md.contains("| 200 | 200 | 5.0 ms | 6.0 ms | 60 ms | 0 | 1/1 | 200 | 5.0 ms | 5.0 ms | 50 ms | 0 | 1/1 |"),
                md);
        assertTrue(md.contains("| 400 | 375 | 5.0 ms | 900.0 ms | 9000 ms | 400 | 0/1 | 394 | 5.0 ms | 40.0 ms"), md);
        assertTrue(md.contains("Max sustained: hot 200 orders/s, spread 400 orders/s; per round hot / spread 0.50."),
                md);
        assertTrue(md.contains("| 10 % sampling | warm | 1 | 20 | 180 | 0 | 0 | every burst | 10 ms | 120 ms"), md);
        String[] hotRow = report.targets().rows().stream().filter(row -> row[0].startsWith("max order rate"))
                .findFirst().orElseThrow();
        assertEquals("**no**", hotRow[3]);
        String[] warmRow = report.targets().rows().stream()
                .filter(row -> row[0].contains("warm, 10 % sampling")).findFirst().orElseThrow();
        assertEquals("yes", warmRow[3]);
    }

    @Test
    void resultsJsonHoldsEveryRawNumber() throws IOException {
        Results results = new Results();
        results.machine("cores", 2);
        results.addRun("max_rate_off", maxRate(800, 2.4, 0.8));
        results.put("elapsed_s", 12.5);

        JsonNode json = HttpJson.JSON.readTree(ReportWriter.json(results));

        assertEquals(2, json.get("machine").get("cores").asInt());
        assertEquals(800, json.get("runs").get("max_rate_off").get(0).get("ok_per_s").asDouble(), 1e-9);
        assertEquals(12.5, json.get("elapsed_s").asDouble(), 1e-9);
    }

    @Test
    void writesResultsMdAndJsonIntoTheOutputDirectory() throws IOException {
        Settings settings = settings("--hot-product", "--out", root.resolve("out").toString());
        Results results = new Results();
        results.put("elapsed_s", 60.0);

        ReportWriter.write(settings, results);

        assertTrue(Files.readString(root.resolve("out/results.md")).startsWith("# Benchmark"));
        assertTrue(Files.isRegularFile(root.resolve("out/results.json")));
    }

    private static Map<String, Object> ramp(double reference, List<Map<String, Object>> steps) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("round", 1);
        run.put("reference_rate", reference);
        run.put("max_sustained_rate", HotProductFigures.maxSustainedRate(steps));
        run.put("steps", steps);
        return run;
    }

    private static Map<String, Object> step(double rate, long requests, long failed, double p99) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("target_rate", rate);
        step.put("duration_s", 8);
        step.put("requests", requests);
        step.put("attempts_per_s", requests / 8.0);
        step.put("failed", failed);
        step.put("p50_ms", 5.0);
        step.put("p99_ms", p99);
        step.put("max_ms", p99 * 10);
        return step;
    }

    private static Map<String, Object> burst(double p99) {
        Map<String, Object> burst = new LinkedHashMap<>();
        burst.put("status_201", 20L);
        burst.put("status_409", 180L);
        burst.put("status_503", 0L);
        burst.put("status_other", 0L);
        burst.put("exact", 1);
        burst.put("p50_ms", 10.0);
        burst.put("p99_ms", p99);
        burst.put("max_ms", p99 + 5);
        burst.put("attempts_per_s", 900.0);
        return burst;
    }
}
