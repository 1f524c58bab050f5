package dev.reactivetracing.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Setup;

class TracingCostTest {

    private static final Setup OFF = Setup.of(Mode.OFF);
    private static final Setup TENTH = Setup.of(Mode.TENTH);

    private static Map<String, Object> run(int fork, double ordersPerSecond) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("fork", fork);
        run.put("ok_per_s", ordersPerSecond);
        run.put("cpu_ms_per_order_total", 2000 / ordersPerSecond);
        return run;
    }

    @Test
    void aRunOfOneForkIsComparedRoundByRound() {
        Results results = new Results();
        for (double tenth : List.of(90.0, 95.0, 85.0)) {
            results.addRun("max_rate_off", run(1, 100));
            results.addRun("max_rate_tenth", run(1, tenth));
        }

        RoundComparison ratio = TracingCost.ordersPerSecond(results, TENTH, OFF);

        assertFalse(ratio.acrossForks());
        assertEquals(3, ratio.rounds());
        assertEquals(0.90, ratio.median(), 1e-9);
    }

    @Test
    void aRunOfSeveralForksIsComparedForkByFork() {
        Results results = new Results();
        // Fork 2's tracing pair was a slow one in both of its rounds; fork 3's tracing-off pair a fast one.
        double[][] tenth = { { 96, 98 }, { 80, 82 }, { 99, 97 } };
        double[][] off = { { 100, 100 }, { 100, 100 }, { 110, 110 } };
        for (int fork = 1; fork <= 3; fork++) {
            for (int round = 0; round < 2; round++) {
                results.addRun("max_rate_off", run(fork, off[fork - 1][round]));
                results.addRun("max_rate_tenth", run(fork, tenth[fork - 1][round]));
            }
        }

        assertEquals(List.of(1, 2, 3), TracingCost.forks(results, "max_rate_tenth"));
        RoundComparison ratio = TracingCost.ordersPerSecond(results, TENTH, OFF);
        assertTrue(ratio.acrossForks());
        assertEquals(3, ratio.rounds(), "one value per fork");
        assertEquals(0.81, ratio.min(), 1e-9);
        assertEquals(98 / 110.0, ratio.median(), 1e-9, "fork 3: (99 + 97) / 2 / 110");
        assertEquals(0.97, ratio.max(), 1e-9);
        RoundComparison cpu = TracingCost.cpuRatio(results, TENTH, OFF, "total");
        assertTrue(cpu.acrossForks());
        assertEquals((100 / 80.0 + 100 / 82.0) / 2, cpu.max(), 1e-9, "fork 2, the slow one, used the most CPU per order");
    }
}
