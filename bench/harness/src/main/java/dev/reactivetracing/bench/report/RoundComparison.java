package dev.reactivetracing.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A setup against its baseline over interleaved rounds: each round's setup and baseline runs were taken minutes apart,
 * so each round gives one ratio (or difference); the median of those is the figure. Its spread is the interval that
 * holds the true median with at least 95 % confidence, from the rounds' order statistics alone (no assumption on how
 * the noise is distributed): the k-th smallest to the k-th largest round, for the largest k whose coverage, 1 − 2 ×
 * P(Binomial(n, ½) < k), is at least 95 %. Up to 8 rounds that is the whole range (min to max); from 9 rounds on the
 * extremes are dropped, so that more rounds narrow the interval instead of widening it, as a range would. With fewer
 * than 6 rounds no interval reaches 95 %: the range is shown, and nothing is resolved.
 * A figure is <em>resolved</em> when its spread (the 95 % interval's width) is smaller than what it claims: the ratio's
 * distance from 1, or the difference's distance from 0.
 * <p>
 * Rounds average the noise within one pair of JVMs, not between pairs: a pair's JIT can leave it 10-15 % faster or
 * slower than a fresh pair of the same setup. With several forks (fresh pairs, each warmed up and measured over a
 * few rounds), each fork gives one value, the median of its per-round ratios, and the median and interval are over
 * the forks ({@link #ratioAcrossForks}): the same order statistics, the fork as the unit.
 *
 * @param median the median over the rounds
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @param coverage how likely the interval holds the true median (below 0.95 only with fewer than 6 rounds; 0 with
 *     one round or none)
 * @param min the smallest round
 * @param max the largest round
 * @param rounds how many rounds had both values
 * @param ratio a ratio (the claim is its distance from 1) or a difference (from 0)
 * @param trend Spearman's rank correlation of the values with the round they come from (NaN below 5 rounds): near
 *     ±1 when the ratio moved steadily through the run, which no interval of the median can describe
 * @param acrossForks whether each value is one fork's (the median of its rounds) rather than one round's; then
 *     {@code rounds} counts forks
 * @param values each round's (or fork's) value, in order
 */
public record RoundComparison(double median, double low, double high, double coverage, double min, double max,
        int rounds, boolean ratio, double trend, boolean acrossForks, List<Double> values) {

    public RoundComparison {
        values = List.copyOf(values);
    }

    /** The confidence the interval is chosen for. */
    public static final double CONFIDENCE = 0.95;

    /** Per round: setup / baseline. Rounds where either is missing or the baseline is 0 are skipped. */
    public static RoundComparison ratio(List<Double> setup, List<Double> baseline) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(setup.size(), baseline.size()); i++) {
            if (baseline.get(i) != 0 && Double.isFinite(setup.get(i)) && Double.isFinite(baseline.get(i))) {
                ratios.add(setup.get(i) / baseline.get(i));
            }
        }
        return of(ratios, true, false);
    }

    /**
     * Per fork, the median of its per-round ratios (setup / baseline, rounds paired in order within the fork); the
     * figure and its interval over those, one value per fork. Forks without a paired round are skipped.
     */
    public static RoundComparison ratioAcrossForks(List<List<Double>> setupByFork, List<List<Double>> baselineByFork) {
        return acrossForks(setupByFork, baselineByFork, RoundComparison::ratio, true);
    }

    /** Per fork, the median of its per-round differences (setup - baseline); the figure over those. */
    public static RoundComparison differenceAcrossForks(List<List<Double>> setupByFork,
            List<List<Double>> baselineByFork) {
        return acrossForks(setupByFork, baselineByFork, RoundComparison::difference, false);
    }

    private static RoundComparison acrossForks(List<List<Double>> setupByFork, List<List<Double>> baselineByFork,
            BiFunction<List<Double>, List<Double>, RoundComparison> withinFork, boolean ratio) {
        List<Double> perFork = new ArrayList<>();
        for (int fork = 0; fork < Math.min(setupByFork.size(), baselineByFork.size()); fork++) {
            RoundComparison within = withinFork.apply(setupByFork.get(fork), baselineByFork.get(fork));
            if (within.rounds > 0) {
                perFork.add(within.median);
            }
        }
        return of(perFork, ratio, true);
    }

    /** Per round: setup - baseline. */
    public static RoundComparison difference(List<Double> setup, List<Double> baseline) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(setup.size(), baseline.size()); i++) {
            differences.add(setup.get(i) - baseline.get(i));
        }
        return of(differences, false, false);
    }

    private static RoundComparison of(List<Double> values, boolean ratio, boolean acrossForks) {
        int n = values.size();
        if (n == 0) {
            return new RoundComparison(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, 0, ratio,
                    Double.NaN, acrossForks, values);
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int k = 1;
        while (k < (n + 1) / 2 && coverage(n, k + 1) >= CONFIDENCE) {
            k++;
        }
        return new RoundComparison(Stats.median(values), sorted.get(k - 1), sorted.get(n - k), coverage(n, k),
                sorted.getFirst(), sorted.getLast(), n, ratio, n < 5 ? Double.NaN : spearman(values), acrossForks,
                values);
    }

    /**
     * Spearman's ρ between the values and their order (1, 2, ...): the correlation of their ranks, ties given their
     * mean rank; 0 when every value is the same.
     */
    static double spearman(List<Double> values) {
        int n = values.size();
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int below = 0;
            int equal = 0;
            for (double other : values) {
                below += other < values.get(i) ? 1 : 0;
                equal += other == values.get(i) ? 1 : 0;
            }
            ranks[i] = below + (equal + 1) / 2.0;
        }
        double mean = (n + 1) / 2.0;
        double covariance = 0;
        double rankSquares = 0;
        double orderSquares = 0;
        for (int i = 0; i < n; i++) {
            covariance += (ranks[i] - mean) * (i + 1 - mean);
            rankSquares += (ranks[i] - mean) * (ranks[i] - mean);
            orderSquares += (i + 1 - mean) * (i + 1 - mean);
        }
        return rankSquares == 0 ? 0 : covariance / Math.sqrt(rankSquares * orderSquares);
    }

    /**
     * Whether the rounds trend: |ρ| at or above the two-sided 10 % critical value of Spearman's ρ for this many rounds
     * (5: 0.900, 6: 0.829, 7: 0.714, 8: 0.643, 9: 0.600, 10: 0.564; beyond, 1.645 / √(n − 1)). A warning that the pairs
     * were not in a steady state, so erring towards raising it.
     */
    public boolean trending() {
        if (Double.isNaN(trend)) {
            return false;
        }
        double[] critical = { 0.900, 0.829, 0.714, 0.643, 0.600, 0.564 };
        double limit = rounds - 5 < critical.length ? critical[rounds - 5] : 1.645 / Math.sqrt(rounds - 1);
        return Math.abs(trend) >= limit - 1e-9;
    }

    /**
     * How likely [k-th smallest, k-th largest] of n rounds holds the true median: 1 − 2 × P(Binomial(n, ½) ≤ k − 1).
     */
    static double coverage(int n, int k) {
        double below = 0;
        double choose = 1; // C(n, 0)
        for (int i = 0; i < k; i++) {
            below += choose;
            choose = choose * (n - i) / (i + 1);
        }
        return 1 - 2 * below / Math.pow(2, n);
    }

    /** The interval's width. */
    public double spread() {
        return high - low;
    }

    /** What the figure claims: how far the ratio is from 1, or the difference from 0. */
    public double claimed() {
        return Math.abs(ratio ? median - 1 : median);
    }

    /** Resolved: a 95 % interval (6 rounds at least), narrower than the claimed difference, and no trend. */
    public boolean resolved() {
        return coverage >= CONFIDENCE && !trending() && spread() < claimed();
    }

    /**
     * Whether the 95 % interval (6 rounds at least) lies wholly at or above {@code target}, or wholly below it; a
     * trending figure decides nothing.
     */
    public boolean decides(double target) {
        return coverage >= CONFIDENCE && !trending() && (low >= target || high < target);
    }

    /**
     * A goal "at least {@code target}" against the interval: met when all of it is at or above the target, missed
     * when all of it is below, undecided when the target lies inside it (or there was a single round).
     */
    public String against(double target) {
        if (!decides(target)) {
            String why = coverage < CONFIDENCE ? fewRounds() : trending() ? "trending " + through() + ": not a "
                    + "steady state" : plain(target) + " is inside " + interval(ratio ? 3 : 2);
            return "**undecided** (" + why + ")";
        }
        return low >= target ? "yes" : "**no**";
    }

    /** "0.912 (0.897–0.925)" for a ratio, "+0.12 (+0.08–+0.15)" for a difference: the median and the interval. */
    public String format(int decimals) {
        if (rounds == 0) {
            return "–";
        }
        String median = String.format(Locale.ROOT, pattern(decimals), this.median);
        return rounds == 1 ? median : median + " (" + interval(decimals) + ")";
    }

    private String interval(int decimals) {
        return String.format(Locale.ROOT, pattern(decimals), low) + "–" + String.format(Locale.ROOT,
                pattern(decimals), high);
    }

    /** A figure in the verdicts: 3 decimals for a ratio, 2 for a difference, no sign. */
    private String plain(double value) {
        return String.format(Locale.ROOT, ratio ? "%.3f" : "%.2f", value);
    }

    private String pattern(int decimals) {
        return ratio ? "%." + decimals + "f" : "%+." + decimals + "f";
    }

    /** The verdict the report prints beside it. */
    public String verdict() {
        String trendNote = trending() ? String.format(Locale.ROOT, "; **trending** " + through() + " (Spearman ρ = "
                + "%+.2f): not a steady state", trend) : "";
        if (coverage < CONFIDENCE) {
            return "**not resolved** (" + fewRounds() + ")" + trendNote;
        }
        return (resolved() ? "resolved" : "**not resolved** (spread " + plain(spread()) + " ≥ difference "
                + plain(claimed()) + ")") + trendNote;
    }

    private String fewRounds() {
        String unit = acrossForks ? "fork" : "round";
        return rounds < 2 ? rounds + " " + unit + ": no spread" : String.format(Locale.ROOT,
                "%d %ss: their range holds the median with %.0f %% confidence, 95 %% needs 6", rounds, unit,
                100 * coverage);
    }

    private String through() {
        return acrossForks ? "from fork to fork" : "through the run";
    }
}
