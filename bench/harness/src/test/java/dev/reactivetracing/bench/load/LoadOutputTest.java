package dev.reactivetracing.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the harness reads from wrk, the load generator and pgbench, and how it judges a flash sale. */
class LoadOutputTest {

    @Test
    void wrkCountsOnlyCreatedOrdersAndEverySocketErrorAsFailed() {
        Map<String, Object> wrk = Wrk.parse("Running 2s test\nBENCH-RESULT {\"requests\": 1010, \"duration_us\": "
                + "2000000, \"non_2xx_3xx\": 10, \"connect_errors\": 1, \"read_errors\": 2, \"write_errors\": 0, "
                + "\"timeouts\": 3, \"p50_ms\": 5.0, \"p90_ms\": 9.0, \"p99_ms\": 20.0, \"max_ms\": 40.0, "
                + "\"mean_ms\": 6.0}\n", 0.25);

        assertEquals(500.0, (double) wrk.get("ok_per_s"), 1e-9);
        assertEquals(1000L, wrk.get("ok"));
        assertEquals(16L, wrk.get("failed"));
        assertEquals(1016L, wrk.get("total"));
        assertEquals(0.25, (double) wrk.get("wrk_cpu_s"), 1e-9);
    }

    @Test
    void eachStepOfTheLoadGeneratorGetsItsPercentilesAndFailuresLateAnswersIncluded() throws IOException {
        List<Map<String, Object>> steps = OpenLoadRun.steps("""
                {"elapsed_s": 20.0, "steps": [
                  {"step": "step-1", "target_rate": 100.0, "duration_s": 8, "requests": 800, "responses": 800,
                   "status_2xx": 795, "percentiles_ms": {"50": 4.0, "90": 8.0, "99": 15.0, "99.9": 30.0, "100": 40.0}},
                  {"step": "step-2", "target_rate": 200.0, "duration_s": 8, "requests": 1500, "responses": 1490,
                   "status_2xx": 1400, "answered_late": 60, "percentiles_ms": {"50": 40.0, "90": 80.0, "99": 1500.0, "99.9": 1900.0,
                   "100": 2000.0}}]}
                """);

        assertEquals(2, steps.size());
        assertEquals(4.0, steps.get(0).get("p50_ms"));
        assertEquals(5L, steps.get(0).get("failed"));
        assertEquals(1500.0, steps.get(1).get("p99_ms"));
        assertEquals(160L, steps.get(1).get("failed"), "100 not 2xx, 60 answered after the timeout");
        assertEquals(2000.0, steps.get(1).get("max_ms"));
    }

    @Test
    void pgbenchSummary() {
        Map<String, Object> parsed = PgBenchOutput.parse("""
                number of transactions actually processed: 24000
                number of failed transactions: 0 (0.000%)
                latency average = 4.950 ms
                tps = 1615.2 (without initial connection time)
                """);

        assertEquals(1615.2, (double) parsed.get("tps"), 1e-9);
        assertEquals(24000.0, (double) parsed.get("transactions"), 1e-9);
        assertEquals(0L, parsed.get("failed"));
    }

    @Test
    void aFlashSaleIsExactWhenItSellsTheStockRefusesTheRestAndTurnsNobodyAway() {
        List<Burst.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(new Burst.Answer(i < 20 ? 201 : 409, i + 1, ""));
        }

        Map<String, Object> exact = Burst.figures(answers, 0.5, 20, 0, 20);

        assertEquals(1, exact.get("exact"));
        assertEquals(0, exact.get("failed"));
        assertEquals(100.0, (double) exact.get("p50_ms"), 1e-9);
        assertEquals(198.0, (double) exact.get("p99_ms"), 1e-9);
        assertEquals(400.0, (double) exact.get("attempts_per_s"), 1e-9);

        answers.set(150, new Burst.Answer(503, 5, "inventory unavailable"));
        Map<String, Object> turnedAway = Burst.figures(answers, 0.5, 20, 0, 20);
        assertEquals(0, turnedAway.get("exact"));
        assertEquals(200, turnedAway.get("failed"));
        assertEquals(1L, turnedAway.get("status_503"));
        assertEquals("503 inventory unavailable", turnedAway.get("sample_unexpected_answer"));

        assertEquals(0, Burst.figures(answers.subList(0, 199), 0.5, 20, 1, 19).get("exact"));
    }
}
