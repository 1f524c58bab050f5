package dev.reactivetracing.bench.report;

import static dev.reactivetracing.bench.report.Format.fmt;
import static dev.reactivetracing.bench.report.Format.met;
import static dev.reactivetracing.bench.report.Format.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.bench.settings.HotProductSettings;
import dev.reactivetracing.bench.settings.Mode;

/** The hot-product part of results.md: the rising rate, hot beside spread, and the flash-sale bursts. */
final class HotProductSection {

    /** The goal for the warm burst's p99 (issue: flash sale). */
    static final double WARM_P99_TARGET_MS = 300;
    /** The goal for hot / spread max sustained rate. */
    static final double HOT_TO_SPREAD_TARGET = 0.9;

    private final Results results;
    private final HotProductSettings hot;

    HotProductSection(Results results, HotProductSettings hot) {
        this.results = results;
        this.hot = hot;
    }

    static String rampFigure(Mode mode, String shape) {
        return "hot_ramp_" + mode.key + "_" + shape;
    }

    static String burstFigure(Mode mode, String phase) {
        return "hot_burst_" + mode.key + "_" + phase;
    }

    void addTargets(Targets targets) {
        for (Mode mode : hot.rampModes()) {
            List<Double> hotMax = results.values(rampFigure(mode, "hot"), "max_sustained_rate");
            List<Double> spreadMax = results.values(rampFigure(mode, "spread"), "max_sustained_rate");
            if (hotMax.isEmpty() || spreadMax.isEmpty()) {
                continue;
            }
            RoundComparison ratio = HotProductFigures.hotToSpread(hotMax, spreadMax);
            targets.add("max order rate sustained (< 1 % failed), one hot product vs spread over the catalog, "
                    + mode.label, fmt(Stats.median(hotMax), 0) + " vs " + fmt(Stats.median(spreadMax), 0)
                    + " orders/s: hot / spread = " + ratio.format(2) + topStepNote(mode),
                    "≥ " + HOT_TO_SPREAD_TARGET, met(ratio.median() >= HOT_TO_SPREAD_TARGET));
        }
        for (Mode mode : hot.burstModes()) {
            for (String phase : List.of("cold", "warm")) {
                String figure = burstFigure(mode, phase);
                if (!results.has(figure)) {
                    continue;
                }
                double worstP99 = results.values(figure, "p99_ms").stream().mapToDouble(Double::doubleValue).max()
                        .orElse(Double.NaN);
                boolean allExact = results.values(figure, "exact").stream().allMatch(exact -> exact == 1)
                        && results.values(figure, "status_503").stream().allMatch(count -> count == 0);
                double p99 = results.median(figure, "p99_ms");
                targets.add("flash sale, " + hot.buyers() + " buyers for " + hot.stock() + " units, " + phase + ", "
                        + mode.label, "p99 " + fmt(p99, 0) + " ms (median of " + results.runs(figure).size()
                        + " burst(s); worst " + fmt(worstP99, 0) + " ms), exactly " + hot.stock()
                        + " × 201 and 0 × 503 in every burst: " + (allExact ? "yes" : "**no**"),
                        phase.equals("warm") ? "p99 ≤ " + fmt(WARM_P99_TARGET_MS, 0) + " ms, exact" : "exact",
                        met(allExact && (!phase.equals("warm") || p99 <= WARM_P99_TARGET_MS)));
            }
        }
    }

    private String topStepNote(Mode mode) {
        double top = hot.rampFractions().isEmpty() ? Double.NaN : results.values(rampFigure(mode, "spread"),
                "reference_rate").stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                * hot.rampFractions().getLast();
        boolean topReached = results.values(rampFigure(mode, "spread"), "max_sustained_rate").stream()
                .anyMatch(max -> max >= top * 0.999);
        return topReached ? " (spread sustained the top step: its max is at least that)" : "";
    }

    String markdown() {
        StringBuilder md = new StringBuilder("## Hot product: one product for every order\n\n");
        md.append("Rising rate (open model, Hyperfoil): steps of ").append(hot.stepSeconds()).append(" s at ")
                .append(String.join(", ", hot.rampFractions().stream().map(f -> fmt(f, 2)).toList()))
                .append(" × the closed-model max of one-item orders spread over the catalog (wrk, measured on the ")
                .append("same pair after its warm-up), each order of one unit: either of the one hot product (stock ")
                .append("10^9) or of a product drawn from the whole catalog. The two distributions run alternately ")
                .append("on the same pair, ").append(hot.rampRounds()).append(" time(s) each. A step is *sustained* ")
                .append("when under 1 % of its attempts failed (not 2xx, or answered more than ")
                .append(hot.timeoutSeconds()).append(" s after its scheduled start, waiting for one of the load ")
                .append("generator's ").append(hot.connections()).append(" connections included) and at least 95 % ")
                .append("of its scheduled orders were started (the rest: throttled, too many in flight). Medians ")
                .append("over the rounds.\n\n");
        for (Mode mode : hot.rampModes()) {
            List<List<Map<String, Object>>> hotRamps = ramps(rampFigure(mode, "hot"));
            List<List<Map<String, Object>>> spreadRamps = ramps(rampFigure(mode, "spread"));
            if (hotRamps.isEmpty() && spreadRamps.isEmpty()) {
                continue;
            }
            md.append("**").append(mode.label).append("**\n\n| offered/s | hot attempts/s | hot p50 | p99 | max | failed "
                    + "| sustained | spread attempts/s | spread p50 | p99 | max | failed | sustained |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            int steps = Math.max(hotRamps.isEmpty() ? 0 : hotRamps.getFirst().size(),
                    spreadRamps.isEmpty() ? 0 : spreadRamps.getFirst().size());
            for (int i = 0; i < steps; i++) {
                List<Double> offered = new ArrayList<>();
                for (List<Map<String, Object>> ramp : hotRamps.isEmpty() ? spreadRamps : hotRamps) {
                    if (i < ramp.size()) {
                        offered.add(number(ramp.get(i).get("target_rate")));
                    }
                }
                md.append("| ").append(fmt(Stats.median(offered), 0));
                for (List<List<Map<String, Object>>> ramps : List.of(hotRamps, spreadRamps)) {
                    md.append(stepCells(ramps, i));
                }
                md.append(" |\n");
            }
            md.append("\nMax sustained: hot ").append(fmt(results.median(rampFigure(mode, "hot"),
                    "max_sustained_rate"), 0)).append(" orders/s, spread ").append(fmt(results.median(rampFigure(mode,
                            "spread"), "max_sustained_rate"), 0)).append(" orders/s; per round hot / spread ")
                    .append(HotProductFigures.hotToSpread(results.values(rampFigure(mode, "hot"),
                            "max_sustained_rate"), results.values(rampFigure(mode, "spread"), "max_sustained_rate"))
                            .format(2)).append(".\n\n");
        }

        md.append("Flash sale: ").append(hot.buyers()).append(" orders of one unit sent at once (each with its own ")
                .append("connection, customer and Idempotency-Key) for a new product with ").append(hot.stock())
                .append(" units. *Cold*: the first burst after the pair started (catalog loaded through the APIs, no ")
                .append("order yet); *warm*: after the pair's warm-up and the rising rate. Latency from sending to the ")
                .append("answer; attempts/s = buyers / time from the first send to the last answer.\n\n")
                .append("| mode | burst | runs | 201 | 409 | 503 | other | exact | p50 | p99 | max | attempts/s |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Mode mode : hot.burstModes()) {
            for (String phase : List.of("cold", "warm")) {
                String figure = burstFigure(mode, phase);
                if (!results.has(figure)) {
                    continue;
                }
                md.append("| ").append(mode.label).append(" | ").append(phase).append(" | ")
                        .append(results.runs(figure).size());
                for (String field : List.of("status_201", "status_409", "status_503", "status_other")) {
                    md.append(" | ").append(fmt(sum(results.values(figure, field)), 0));
                }
                md.append(" | ").append(results.values(figure, "exact").stream().allMatch(exact -> exact == 1)
                        ? "every burst" : "**no**");
                for (String field : List.of("p50_ms", "p99_ms", "max_ms")) {
                    md.append(" | ").append(fmt(results.median(figure, field), 0)).append(" ms");
                }
                md.append(" | ").append(fmt(results.median(figure, "attempts_per_s"), 0)).append(" |\n");
            }
        }
        md.append("\nCounts are summed over the runs; latencies and attempts/s are medians of the runs (every run is ")
                .append("in \"Every run\" below).\n\n");
        return md.toString();
    }

    private String stepCells(List<List<Map<String, Object>>> ramps, int index) {
        List<Map<String, Object>> steps = new ArrayList<>();
        ramps.forEach(ramp -> {
            if (index < ramp.size()) {
                steps.add(ramp.get(index));
            }
        });
        if (steps.isEmpty()) {
            return " | | | | | | ";
        }
        long sustained = steps.stream().filter(HotProductFigures::sustained).count();
        return " | " + fmt(median(steps, "attempts_per_s"), 0) + " | " + fmt(median(steps, "p50_ms"), 1) + " ms | "
                + fmt(median(steps, "p99_ms"), 1) + " ms | " + fmt(median(steps, "max_ms"), 0) + " ms | "
                + fmt(median(steps, "failed"), 0) + " | " + sustained + "/" + steps.size();
    }

    private static double median(List<Map<String, Object>> steps, String field) {
        return Stats.median(steps.stream().map(step -> number(step.get(field))).toList());
    }

    @SuppressWarnings("unchecked")
    private List<List<Map<String, Object>>> ramps(String figure) {
        List<List<Map<String, Object>>> ramps = new ArrayList<>();
        for (Map<String, Object> run : results.runs(figure)) {
            ramps.add((List<Map<String, Object>>) run.get("steps"));
        }
        return ramps;
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
