package dev.reactivetracing.bench.report;

import java.util.List;
import java.util.Map;

import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Setup;

/**
 * The tracing-cost comparisons, each over the interleaved max-rate rounds, or over forks when the run had several (see
 * {@link RoundComparison}).
 */
public final class TracingCost {

    /** The processes whose CPU per order is reported; the receiver is this JVM (decoding what is exported). */
    public static final List<String> PROCESSES = List.of("order", "inventory", "postgres", "receiver");

    private TracingCost() {
    }

    public static String figure(Setup setup) {
        return "max_rate_" + setup.key();
    }

    /**
     * What a setup is compared with: the shipped modes with tracing off, an isolation variant with 10 % sampling (the
     * one piece it switches off is what differs), a --variant with its mode as shipped.
     */
    public static Setup baseline(Setup setup) {
        return switch (setup.kind()) {
            case MODE -> Setup.of(Mode.OFF);
            case ISOLATION -> Setup.of(Mode.TENTH);
            case VARIANT -> Setup.of(setup.mode());
        };
    }

    /**
     * The goals of docs/benchmark.md, as a least ratio to tracing off: recording costs what it records (100 %), and
     * what is not recorded costs next to nothing (10 %). NaN: no goal.
     */
    public static double goal(Mode mode) {
        return switch (mode) {
            case FULL -> 0.90;
            case TENTH -> 0.97;
            default -> Double.NaN;
        };
    }

    public static RoundComparison ordersPerSecond(Results results, Setup setup, Setup baseline) {
        return compare(results, setup, baseline, "ok_per_s", true);
    }

    /** What the cores can complete, cores ÷ total CPU per order, as a ratio to the baseline's. */
    public static RoundComparison capacityRatio(Results results, Setup setup, Setup baseline) {
        return compare(results, setup, baseline, "cpu_bound_capacity_per_s", true);
    }

    /** CPU per order of one process ("total" for all), as a ratio to the baseline's. */
    public static RoundComparison cpuRatio(Results results, Setup setup, Setup baseline, String process) {
        return compare(results, setup, baseline, "cpu_ms_per_order_" + process, true);
    }

    /** CPU per order of one process ("total" for all), in ms more than the baseline's. */
    public static RoundComparison cpuDifference(Results results, Setup setup, Setup baseline, String process) {
        return compare(results, setup, baseline, "cpu_ms_per_order_" + process, false);
    }

    /**
     * One field of a setup against its baseline: per round when the run had one fork, per fork (the median of each
     * fork's rounds) when it had several.
     */
    private static RoundComparison compare(Results results, Setup setup, Setup baseline, String field, boolean ratio) {
        String setupFigure = figure(setup);
        String baselineFigure = figure(baseline);
        List<Integer> forks = forks(results, setupFigure);
        if (forks.size() <= 1) {
            List<Double> setupValues = results.values(setupFigure, field);
            List<Double> baselineValues = results.values(baselineFigure, field);
            return ratio ? RoundComparison.ratio(setupValues, baselineValues)
                    : RoundComparison.difference(setupValues, baselineValues);
        }
        List<List<Double>> setupByFork = forks.stream().map(fork -> valuesOfFork(results, setupFigure, field, fork))
                .toList();
        List<List<Double>> baselineByFork = forks.stream()
                .map(fork -> valuesOfFork(results, baselineFigure, field, fork)).toList();
        return ratio ? RoundComparison.ratioAcrossForks(setupByFork, baselineByFork)
                : RoundComparison.differenceAcrossForks(setupByFork, baselineByFork);
    }

    /** The forks a figure's runs came from, in order; the runs of a single-fork run carry none (fork 1). */
    public static List<Integer> forks(Results results, String figure) {
        return results.runs(figure).stream().map(TracingCost::fork).distinct().toList();
    }

    private static int fork(Map<String, Object> run) {
        return run.get("fork") instanceof Number fork ? fork.intValue() : 1;
    }

    private static List<Double> valuesOfFork(Results results, String figure, String field, int fork) {
        return results.runs(figure).stream().filter(run -> fork(run) == fork)
                .filter(run -> run.get(field) instanceof Number)
                .map(run -> ((Number) run.get(field)).doubleValue()).toList();
    }

    /**
     * Whether the modes' claims are settled: each mode's orders/s and total CPU per order against tracing off resolved,
     * and each goal decided (its 95 % interval wholly above or below it). The max-rate job adds rounds until they are,
     * up to --max-runs. The isolation variants and --variants run in the same rounds but do not hold the run: a piece
     * whose cost is within the noise is a finding, and would keep every run going to the maximum.
     */
    public static boolean modesSettled(Results results, List<Setup> setups) {
        for (Setup setup : setups) {
            Setup baseline = baseline(setup);
            if (setup.kind() != Setup.Kind.MODE || setup.key().equals(baseline.key())) {
                continue;
            }
            RoundComparison orders = ordersPerSecond(results, setup, baseline);
            double goal = goal(setup.mode());
            if (!orders.resolved() || !cpuRatio(results, setup, baseline, "total").resolved()
                    || !Double.isNaN(goal) && !orders.decides(goal)) {
                return false;
            }
        }
        return true;
    }
}
