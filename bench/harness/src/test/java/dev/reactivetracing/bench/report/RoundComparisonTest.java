package dev.reactivetracing.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoundComparisonTest {

    @Test
    void theRatioOfEachRoundItsMedianAndRange() {
        RoundComparison ratio = RoundComparison.ratio(List.of(90.0, 85.0, 95.0), List.of(100.0, 100.0, 100.0));

        assertEquals(0.90, ratio.median(), 1e-9);
        assertEquals(0.85, ratio.min(), 1e-9);
        assertEquals(0.95, ratio.max(), 1e-9);
        assertEquals(0.10, ratio.spread(), 1e-9);
        assertEquals(0.10, ratio.claimed(), 1e-9);
        assertEquals("0.900 (0.850–0.950)", ratio.format(3));
    }

    @Test
    void aRatioIsResolvedOnlyWhenItsSpreadIsBelowItsDistanceFromOne() {
        assertTrue(RoundComparison.ratio(List.of(90.0, 91.0, 92.0), List.of(100.0, 100.0, 100.0)).resolved());
        RoundComparison noisy = RoundComparison.ratio(List.of(95.0, 99.0, 103.0), List.of(100.0, 100.0, 100.0));
        assertFalse(noisy.resolved());
        assertTrue(noisy.verdict().startsWith("**not resolved** (spread 0.080 ≥ difference 0.010"), noisy.verdict());
        assertFalse(RoundComparison.ratio(List.of(50.0), List.of(100.0)).resolved(), "one round has no spread");
    }

    @Test
    void roundsArePairedInOrderAndAZeroBaselineIsSkipped() {
        RoundComparison ratio = RoundComparison.ratio(List.of(2.0, 3.0, 8.0), List.of(1.0, 0.0));

        assertEquals(1, ratio.rounds());
        assertEquals(2.0, ratio.median(), 1e-9);
    }

    @Test
    void differencesAreClaimedAgainstZero() {
        RoundComparison saved = RoundComparison.difference(List.of(2.8, 2.9, 2.7), List.of(2.5, 2.6, 2.5));

        assertEquals(0.3, saved.median(), 1e-9);
        assertTrue(saved.resolved());
        assertEquals("+0.30 (+0.20–+0.30)", saved.format(2));
    }

    @Test
    void nothingMeasuredPrintsADash() {
        assertEquals("–", RoundComparison.ratio(List.of(), List.of()).format(3));
    }
}
