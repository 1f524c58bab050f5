package dev.reactivetracing.bench.report;

import java.util.ArrayList;
import java.util.List;

/** Medians and percentiles of small samples. */
public final class Stats {

    private Stats() {
    }

    /** The median (NaN for no values). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = sorted(values);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Nearest-rank percentile: the smallest value with at least p % of the values at or below it (100: the max). */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted;
    }
}
