package dev.reactivetracing.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HotProductFiguresTest {

    private static Map<String, Object> step(double rate, int seconds, long requests, long failed) {
        return Map.of("target_rate", rate, "duration_s", seconds, "requests", requests, "failed", failed);
    }

    @Test
    void aStepIsSustainedWithUnderOnePercentFailedAndItsOrdersStartedOnSchedule() {
        assertTrue(HotProductFigures.sustained(step(100, 10, 1000, 9)));
        assertFalse(HotProductFigures.sustained(step(100, 10, 1000, 10)), "1 % failed is not under 1 %");
        assertFalse(HotProductFigures.sustained(step(100, 10, 900, 0)), "10 % of the orders were throttled");
        assertTrue(HotProductFigures.sustained(step(100, 10, 940, 0)), "a step's edges move by up to 0.25 s");
        assertFalse(HotProductFigures.sustained(step(100, 10, 0, 0)));
    }

    @Test
    void theMaxSustainedRateIsTheHighestSustainedStep() {
        List<Map<String, Object>> steps = List.of(step(100, 10, 1000, 0), step(200, 10, 2000, 1),
                step(300, 10, 3000, 200), step(400, 10, 3100, 900));

        assertEquals(200, HotProductFigures.maxSustainedRate(steps), 1e-9);
        assertEquals(0, HotProductFigures.maxSustainedRate(List.of(step(100, 10, 1000, 500))), 1e-9);
    }

    @Test
    void hotToSpreadIsTakenRoundByRound() {
        RoundComparison ratio = HotProductFigures.hotToSpread(List.of(450.0, 500.0), List.of(500.0, 500.0));

        assertEquals(0.95, ratio.median(), 1e-9);
        assertEquals(0.9, ratio.min(), 1e-9);
    }
}
