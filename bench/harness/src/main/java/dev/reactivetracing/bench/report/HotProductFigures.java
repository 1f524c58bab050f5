package dev.reactivetracing.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hot-product figures: which steps of a rising rate were sustained, the max rate sustained per distribution, and
 * hot / spread.
 */
public final class HotProductFigures {

    /** A step is sustained with fewer failures than this share of its attempts... */
    public static final double MAX_FAILED_SHARE = 0.01;
    /** ...and with at least this share of its scheduled orders started (the rest were throttled: too many in flight). */
    public static final double MIN_STARTED_SHARE = 0.95;
    /** The load generator switches steps on a timer: a step may start or stop this much off its nominal edges. */
    static final double EDGE_JITTER_SECONDS = 0.25;

    private HotProductFigures() {
    }

    /** Failures under 1 % of the attempts, and the orders started on schedule (95 %, less the steps' edges). */
    public static boolean sustained(Map<String, Object> step) {
        double attempts = number(step, "requests");
        double planned = number(step, "target_rate") * (number(step, "duration_s") - EDGE_JITTER_SECONDS);
        return attempts > 0 && number(step, "failed") < MAX_FAILED_SHARE * attempts
                && attempts >= MIN_STARTED_SHARE * planned;
    }

    /** The highest step rate sustained (steps in rising order; 0 if none was). */
    public static double maxSustainedRate(List<Map<String, Object>> steps) {
        double max = 0;
        for (Map<String, Object> step : steps) {
            if (sustained(step)) {
                max = Math.max(max, number(step, "target_rate"));
            }
        }
        return max;
    }

    /** Per round, hot max / spread max (rounds where the spread max is 0 are skipped). */
    public static RoundComparison hotToSpread(List<Double> hotMax, List<Double> spreadMax) {
        return RoundComparison.ratio(hotMax, spreadMax);
    }

    /** The steps of every ramp of one distribution, step by step: the values of one field per step index. */
    public static List<List<Double>> byStep(List<List<Map<String, Object>>> ramps, String field) {
        List<List<Double>> values = new ArrayList<>();
        for (List<Map<String, Object>> ramp : ramps) {
            for (int i = 0; i < ramp.size(); i++) {
                while (values.size() <= i) {
                    values.add(new ArrayList<>());
                }
                values.get(i).add(number(ramp.get(i), field));
            }
        }
        return values;
    }

    static double number(Map<String, Object> values, String field) {
        return values.get(field) instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
