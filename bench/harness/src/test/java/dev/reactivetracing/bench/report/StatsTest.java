package dev.reactivetracing.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.median(List.of(3.0, 1.0, 2.0)), 1e-9);
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)), 1e-9);
        assertTrue(Double.isNaN(Stats.median(List.of())));
    }

    @Test
    void nearestRankPercentilesOf200Answers() {
        List<Double> latencies = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            latencies.add((double) i);
        }

        assertEquals(100.0, Stats.percentile(latencies, 50), 1e-9);
        assertEquals(198.0, Stats.percentile(latencies, 99), 1e-9);
        assertEquals(200.0, Stats.percentile(latencies, 100), 1e-9);
    }
}
