package dev.reactivetracing.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A setup against its baseline over interleaved rounds: each round's setup and baseline runs were taken minutes apart,
 * so each round gives one ratio (or difference); the median of those is the figure and their range (max - min) its
 * spread. A figure is <em>resolved</em> when its spread is smaller than what it claims: the ratio's distance from 1,
 * or the difference's distance from 0.
 *
 * @param median the median over the rounds
 * @param min the smallest round
 * @param max the largest round
 * @param rounds how many rounds had both values
 * @param ratio a ratio (the claim is its distance from 1) or a difference (from 0)
 */
public record RoundComparison(double median, double min, double max, int rounds, boolean ratio) {

    /** Per round: setup / baseline. Rounds where either is missing or the baseline is 0 are skipped. */
    public static RoundComparison ratio(List<Double> setup, List<Double> baseline) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(setup.size(), baseline.size()); i++) {
            if (baseline.get(i) != 0 && Double.isFinite(setup.get(i)) && Double.isFinite(baseline.get(i))) {
                ratios.add(setup.get(i) / baseline.get(i));
            }
        }
        return of(ratios, true);
    }

    /** Per round: setup - baseline. */
    public static RoundComparison difference(List<Double> setup, List<Double> baseline) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(setup.size(), baseline.size()); i++) {
            differences.add(setup.get(i) - baseline.get(i));
        }
        return of(differences, false);
    }

    private static RoundComparison of(List<Double> values, boolean ratio) {
        if (values.isEmpty()) {
            return new RoundComparison(Double.NaN, Double.NaN, Double.NaN, 0, ratio);
        }
        return new RoundComparison(Stats.median(values), values.stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow(), values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), values.size(),
                ratio);
    }

    public double spread() {
        return max - min;
    }

    /** What the figure claims: how far the ratio is from 1, or the difference from 0. */
    public double claimed() {
        return Math.abs(ratio ? median - 1 : median);
    }

    /** Resolved: at least two rounds, and their spread below the claimed difference. */
    public boolean resolved() {
        return rounds >= 2 && spread() < claimed();
    }

    /** "0.912 (0.897–0.925)" for a ratio, "+0.12 (+0.08–+0.15)" for a difference. */
    public String format(int decimals) {
        if (rounds == 0) {
            return "–";
        }
        String pattern = ratio ? "%." + decimals + "f" : "%+." + decimals + "f";
        String median = String.format(Locale.ROOT, pattern, this.median);
        return rounds == 1 ? median : median + " (" + String.format(Locale.ROOT, pattern, min) + "–"
                + String.format(Locale.ROOT, pattern, max) + ")";
    }

    /** The verdict the report prints beside it. */
    public String verdict() {
        if (rounds < 2) {
            return "one round: no spread";
        }
        return resolved() ? "resolved" : "**not resolved** (spread " + String.format(Locale.ROOT,
                ratio ? "%.3f" : "%.2f", spread()) + " ≥ difference " + String.format(Locale.ROOT,
                        ratio ? "%.3f" : "%.2f", claimed()) + ")";
    }
}
