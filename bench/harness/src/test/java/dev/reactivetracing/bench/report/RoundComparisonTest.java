package dev.reactivetracing.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class RoundComparisonTest {

    private static final List<Double> HUNDREDS = Collections.nCopies(12, 100.0);

    @Test
    void theRatioOfEachRoundItsMedianAndRange() {
        RoundComparison ratio = RoundComparison.ratio(List.of(90.0, 85.0, 95.0), List.of(100.0, 100.0, 100.0));

        assertEquals(0.90, ratio.median(), 1e-9);
        assertEquals(0.85, ratio.min(), 1e-9);
        assertEquals(0.95, ratio.max(), 1e-9);
        assertEquals(0.85, ratio.low(), 1e-9);
        assertEquals(0.95, ratio.high(), 1e-9);
        assertEquals(0.10, ratio.spread(), 1e-9);
        assertEquals(0.10, ratio.claimed(), 1e-9);
        assertEquals("0.900 (0.850–0.950)", ratio.format(3));
    }

    @Test
    void theIntervalHoldsTheMedianWithAtLeast95PercentAndNarrowsWithMoreRounds() {
        // Binomial(n, 1/2): [x(k), x(n+1-k)] misses the median with probability 2 P(B <= k-1).
        assertEquals(1 - 2.0 / 64, RoundComparison.coverage(6, 1), 1e-12);
        assertEquals(1 - 2.0 * 10 / 512, RoundComparison.coverage(9, 2), 1e-12);
        assertEquals(1 - 2.0 * 9 / 256, RoundComparison.coverage(8, 2), 1e-12);

        List<Double> eight = List.of(80.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 99.0);
        RoundComparison ofEight = RoundComparison.ratio(eight, HUNDREDS);
        assertEquals(0.80, ofEight.low(), 1e-9, "8 rounds: [x2, x7] holds only 93 %, so the range");
        assertEquals(0.99, ofEight.high(), 1e-9);

        List<Double> nine = List.of(80.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 99.0);
        RoundComparison ofNine = RoundComparison.ratio(nine, HUNDREDS);
        assertEquals(0.91, ofNine.low(), 1e-9, "9 rounds: [x2, x8] holds 96 %");
        assertEquals(0.97, ofNine.high(), 1e-9);
        assertEquals(0.80, ofNine.min(), 1e-9);
        assertTrue(ofNine.coverage() >= RoundComparison.CONFIDENCE);

        List<Double> twelve = List.of(70.0, 80.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 98.0, 99.0, 101.0);
        RoundComparison ofTwelve = RoundComparison.ratio(twelve, HUNDREDS);
        assertEquals(0.91, ofTwelve.low(), 1e-9, "12 rounds: [x3, x10] holds 96 %");
        assertEquals(0.98, ofTwelve.high(), 1e-9);
    }

    @Test
    void aRatioIsResolvedOnlyWhenIts95PercentIntervalIsNarrowerThanItsDistanceFromOne() {
        List<Double> tight = List.of(90.0, 91.0, 92.0, 90.5, 91.5, 90.8);
        assertTrue(RoundComparison.ratio(tight, HUNDREDS).resolved());
        RoundComparison noisy = RoundComparison.ratio(List.of(95.0, 99.0, 103.0, 97.0, 98.0, 100.0), HUNDREDS);
        assertFalse(noisy.resolved());
        assertTrue(noisy.verdict().startsWith("**not resolved** (spread 0.080 ≥ difference 0.015"), noisy.verdict());

        RoundComparison fewRounds = RoundComparison.ratio(List.of(90.0, 91.0, 92.0), HUNDREDS);
        assertFalse(fewRounds.resolved(), "3 rounds: the range holds the median with 75 % only");
        assertTrue(fewRounds.verdict().contains("3 rounds: their range holds the median with 75 % confidence"),
                fewRounds.verdict());
        assertFalse(RoundComparison.ratio(List.of(50.0), List.of(100.0)).resolved(), "one round has no spread");
    }

    @Test
    void aGoalIsMetMissedOrUndecidedByTheInterval() {
        List<Double> rounds = List.of(88.0, 90.0, 91.0, 92.0, 89.0, 93.0);

        RoundComparison ratio = RoundComparison.ratio(rounds, HUNDREDS);

        assertEquals("yes", ratio.against(0.88));
        assertEquals("**no**", ratio.against(0.95));
        assertTrue(ratio.decides(0.95));
        assertFalse(ratio.decides(0.90));
        assertEquals("**undecided** (0.900 is inside 0.880–0.930)", ratio.against(0.90));
        assertTrue(RoundComparison.ratio(rounds.subList(0, 5), HUNDREDS).against(0.95).startsWith("**undecided**"),
                "5 rounds decide nothing, however far the goal");
    }

    @Test
    void aRatioThatMovesThroughTheRunIsFlaggedAsTrending() {
        // The 10 % / off ratios of the 2026-12-01 run: tracing-on pairs still warming up, tracing off slowing down.
        RoundComparison rising = RoundComparison.ratio(List.of(66.0, 77.0, 75.0, 91.0, 86.0, 97.0), HUNDREDS);
        assertEquals(1 - 6.0 * 4 / (6 * 35), rising.trend(), 1e-9);
        assertTrue(rising.trending());
        assertTrue(rising.verdict().contains("**trending** through the run (Spearman ρ = +0.89)"), rising.verdict());
        assertEquals("**undecided** (trending through the run: not a steady state)", rising.against(0.5),
                "a moving ratio decides no goal, however far");

        RoundComparison steady = RoundComparison.ratio(List.of(90.0, 92.0, 89.0, 91.0, 88.0, 90.5), HUNDREDS);
        assertFalse(steady.trending(), "ρ = " + steady.trend());
        assertFalse(steady.verdict().contains("trending"));
        assertFalse(RoundComparison.ratio(List.of(1.0, 2.0, 3.0, 4.0), HUNDREDS).trending(), "4 rounds: no test");
        assertEquals(0.0, RoundComparison.spearman(List.of(2.0, 2.0, 2.0, 2.0, 2.0, 2.0)), 1e-9, "no change, no trend");
        assertEquals(-1.0, RoundComparison.spearman(List.of(5.0, 4.0, 3.0, 2.0, 1.0)), 1e-9);
    }

    @Test
    void roundsArePairedInOrderAndAZeroBaselineIsSkipped() {
        RoundComparison ratio = RoundComparison.ratio(List.of(2.0, 3.0, 8.0), List.of(1.0, 0.0));

        assertEquals(1, ratio.rounds());
        assertEquals(2.0, ratio.median(), 1e-9);
    }

    @Test
    void differencesAreClaimedAgainstZero() {
        RoundComparison saved = RoundComparison.difference(List.of(2.8, 2.9, 2.7, 2.8, 2.8, 2.9),
                List.of(2.5, 2.6, 2.5, 2.5, 2.6, 2.6));

        assertEquals(0.3, saved.median(), 1e-9);
        assertTrue(saved.resolved());
        assertEquals("+0.30 (+0.20–+0.30)", saved.format(2));
    }

    @Test
    void acrossForksEachForkGivesOneValueTheMedianOfItsRounds() {
        // Six forks of two rounds each; the fourth is a pair whose JIT did badly in both rounds.
        List<List<Double>> tenth = List.of(List.of(96.0, 98.0), List.of(97.0, 97.0), List.of(99.0, 97.0),
                List.of(80.0, 82.0), List.of(98.0, 96.0), List.of(97.5, 98.5));
        List<List<Double>> off = Collections.nCopies(6, List.of(100.0, 100.0));

        RoundComparison ratio = RoundComparison.ratioAcrossForks(tenth, off);

        assertTrue(ratio.acrossForks());
        assertEquals(6, ratio.rounds(), "one value per fork");
        assertEquals(0.97, ratio.median(), 1e-9);
        assertEquals(0.81, ratio.low(), 1e-9, "the slow fork is the interval's lower end");
        assertEquals(0.98, ratio.high(), 1e-9);
        assertEquals("**undecided** (0.970 is inside 0.810–0.980)", ratio.against(0.97));
        assertEquals("**not resolved** (spread 0.170 ≥ difference 0.030)", ratio.verdict());

        RoundComparison fewForks = RoundComparison.ratioAcrossForks(tenth.subList(0, 3), off);
        assertEquals("**not resolved** (3 forks: their range holds the median with 75 % confidence, 95 % needs 6)",
                fewForks.verdict(), "forks, not rounds, are counted");
        assertFalse(RoundComparison.ratio(List.of(1.0), List.of(1.0)).acrossForks());

        RoundComparison saved = RoundComparison.differenceAcrossForks(List.of(List.of(3.0, 3.2), List.of(2.8)),
                List.of(List.of(2.0, 2.0), List.of(2.0), List.of(5.0)));
        assertEquals(2, saved.rounds(), "a fork without the setup's runs is skipped");
        assertEquals(0.95, saved.median(), 1e-9, "forks: 1.1 (of 1.0 and 1.2) and 0.8");
    }

    @Test
    void nothingMeasuredPrintsADash() {
        assertEquals("–", RoundComparison.ratio(List.of(), List.of()).format(3));
    }
}
