package dev.reactivetracing.bench.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one invocation of bin/bench measures, and for how long.
 *
 * @param minRounds max-rate rounds always run (--runs); also the runs of every other figure
 * @param maxRounds max-rate rounds at most: rounds are added past {@code minRounds} until every mode's ratios are
 *     resolved and its goal decided ({@code TracingCost.modesSettled}), or this many ran; with several forks, the
 *     rounds of each fork (= {@code minRounds}: none are added)
 * @param forks fresh pairs per setup, one set after another (--forks): each started, warmed up and measured over
 *     {@code minRounds} rounds; the ratios are then over forks, which rounds within one pair cannot be (its JIT's luck
 *     stays with it)
 * @param rewarmSeconds unmeasured max-rate seconds on a pair right before each of its measured runs (then its outbox
 *     drained): a pair idles while the others are measured, and the JVM unloads compiled code it has not run for a
 *     while, which the measured run would otherwise pay to compile again
 * @param serviceJvmOptions JVM options of every service (default: those of the JVM images, {@link ShippedJvm})
 * @param serviceJvmEnvironment environment of every service's JVM (default: the images', MALLOC_ARENA_MAX)
 */
public record Settings(
        boolean smoke,
        Path root,
        Path work,
        Path out,
        Set<Job> jobs,
        List<Mode> modes,
        boolean isolation,
        List<Setup> variants,
        int minRounds,
        int maxRounds,
        int forks,
        int pgbenchSeconds,
        int pgbenchClients,
        int throughputSeconds,
        int connections,
        int warmupSeconds,
        int rewarmSeconds,
        int latencySeconds,
        double latencyLoad,
        int ordersForRss,
        int trainingOrders,
        int products,
        int customers,
        boolean profile,
        List<String> serviceJvmOptions,
        List<String> serviceJvmEnvironment,
        List<String> extraServiceEnvironment,
        boolean aotProfiles,
        int serveMinutes,
        HotProductSettings hot) {

    public Settings {
        jobs = Set.copyOf(jobs);
        modes = List.copyOf(modes);
        variants = List.copyOf(variants);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        serviceJvmEnvironment = List.copyOf(serviceJvmEnvironment);
        extraServiceEnvironment = List.copyOf(extraServiceEnvironment);
    }

    /** The shipped modes, then the isolation variants, then the --variant ones. */
    public List<Setup> setups() {
        List<Setup> setups = new ArrayList<>();
        modes.forEach(mode -> setups.add(Setup.of(mode)));
        if (isolation) {
            setups.addAll(Setup.isolationVariants(!smoke));
        }
        setups.addAll(variants);
        return setups;
    }

    public boolean runs(Job job) {
        return jobs.contains(job);
    }

    /** Which kind of invocation: full, smoke, or hot-product only. */
    public String kind() {
        String kind = smoke ? "smoke" : "full";
        return jobs.equals(Set.of(Job.HOT_PRODUCT)) ? kind + ", hot product only" : kind;
    }

    public static Settings parse(String[] arguments, Path root, ShippedJvm shipped) {
        boolean smoke = Arrays.asList(arguments).contains("--smoke");
        Path work = root.resolve(smoke ? "bench/target/smoke" : "bench/target/run");
        Path out = null;
        Set<Job> jobs = EnumSet.allOf(Job.class);
        List<Mode> modes = List.of(Mode.OFF, Mode.FULL, Mode.TENTH, Mode.ZERO);
        boolean isolation = true;
        int runs = smoke ? 1 : 3;
        Integer maxRuns = null;
        int forks = 1;
        int duration = smoke ? 2 : 15;
        int latencyDuration = smoke ? 2 : 20;
        int warmup = smoke ? 2 : 90;
        int rewarm = smoke ? 1 : 8;
        int connections = smoke ? 8 : 32;
        int pgbenchClients = 8;
        double load = 0.5;
        int rssOrders = smoke ? 200 : 10_000;
        boolean profile = false;
        List<String> jvmOptions = shipped.jvmOptions();
        List<String> jvmEnvironment = shipped.environment();
        List<String> serviceEnvironment = new ArrayList<>();
        boolean aotProfiles = false;
        int serve = 0;
        List<Setup> variants = new ArrayList<>();
        int hotStock = 20;
        int hotBuyers = 200;
        int hotBursts = smoke ? 1 : 5;
        List<Mode> hotRampModes = List.of(Mode.TENTH);
        List<Double> hotSteps = smoke ? List.of(0.3, 0.6) : List.of(0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35);
        int hotStepSeconds = smoke ? 1 : 8;
        int hotRounds = smoke ? 1 : 2;
        Integer hotWarmup = null;
        int hotTimeout = 1;
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            switch (argument) {
                case "--smoke" -> {
                }
                case "--hot-product" -> jobs = EnumSet.of(Job.HOT_PRODUCT);
                case "--no-hot-product" -> jobs.remove(Job.HOT_PRODUCT);
                case "--no-fresh" -> jobs.remove(Job.FRESH_START);
                case "--no-isolation" -> isolation = false;
                case "--profile" -> profile = true;
                case "--aot-profiles" -> aotProfiles = true;
                case "--variant" -> variants.add(Setup.parse(value(arguments, ++i, argument)));
                case "--serve" -> serve = positive(value(arguments, ++i, argument), argument);
                case "--out" -> out = Path.of(value(arguments, ++i, argument)).toAbsolutePath();
                case "--runs" -> runs = positive(value(arguments, ++i, argument), argument);
                case "--max-runs" -> maxRuns = positive(value(arguments, ++i, argument), argument);
                case "--forks" -> forks = positive(value(arguments, ++i, argument), argument);
                case "--duration" -> duration = positive(value(arguments, ++i, argument), argument);
                case "--latency-duration" -> latencyDuration = positive(value(arguments, ++i, argument), argument);
                case "--warmup" -> warmup = positive(value(arguments, ++i, argument), argument);
                case "--rewarm" -> rewarm = positive(value(arguments, ++i, argument), argument);
                case "--connections" -> connections = positive(value(arguments, ++i, argument), argument);
                case "--pgbench-clients" -> pgbenchClients = positive(value(arguments, ++i, argument), argument);
                case "--rss-orders" -> rssOrders = positive(value(arguments, ++i, argument), argument);
                case "--load" -> load = fraction(value(arguments, ++i, argument), argument);
                case "--modes" -> modes = Arrays.stream(value(arguments, ++i, argument).split(","))
                        .map(String::trim).map(Mode::of).distinct().toList();
                case "--jvm-options" -> jvmOptions = ShippedJvm.split(value(arguments, ++i, argument));
                case "--jvm-env" -> jvmEnvironment = list(value(arguments, ++i, argument));
                case "--service-env" -> serviceEnvironment.addAll(list(value(arguments, ++i, argument)));
                case "--hot-stock" -> hotStock = positive(value(arguments, ++i, argument), argument);
                case "--hot-buyers" -> hotBuyers = positive(value(arguments, ++i, argument), argument);
                case "--hot-bursts" -> hotBursts = positive(value(arguments, ++i, argument), argument);
                case "--hot-steps" -> hotSteps = Arrays.stream(value(arguments, ++i, argument).split(","))
                        .map(String::trim).map(step -> fraction(step, "--hot-steps")).toList();
                case "--hot-step-duration" -> hotStepSeconds = positive(value(arguments, ++i, argument), argument);
                case "--hot-rounds" -> hotRounds = positive(value(arguments, ++i, argument), argument);
                case "--hot-warmup" -> hotWarmup = positive(value(arguments, ++i, argument), argument);
                case "--hot-timeout" -> hotTimeout = positive(value(arguments, ++i, argument), argument);
                case "--hot-ramp-modes" -> hotRampModes = Arrays.stream(value(arguments, ++i, argument).split(","))
                        .map(String::trim).map(Mode::of).distinct().toList();
                default -> throw new IllegalArgumentException("Unknown option " + argument);
            }
        }
        if (jobs.contains(Job.TRACING_COST) && !modes.contains(Mode.OFF)) {
            throw new IllegalArgumentException("--modes must include off: every ratio is relative to tracing off");
        }
        if (isolation && jobs.contains(Job.TRACING_COST) && !modes.contains(Mode.TENTH)) {
            throw new IllegalArgumentException("--modes must include tenth for the isolation variants (or give "
                    + "--no-isolation): each is relative to 10 % sampling");
        }
        for (Setup variant : variants) {
            if (!modes.contains(variant.mode())) {
                throw new IllegalArgumentException("--variant " + variant.key() + " is measured against "
                        + variant.mode().key + ", which --modes leaves out");
            }
        }
        if (out == null) {
            // A hot-product-only run never replaces the full results: it goes beside them.
            out = smoke ? root.resolve("bench/target/smoke-results") : jobs.equals(Set.of(Job.HOT_PRODUCT))
                    ? root.resolve("bench/results/hot-product") : root.resolve("bench/results");
        }
        if (forks > 1 && maxRuns != null) {
            throw new IllegalArgumentException("--max-runs adds rounds to one pair; with --forks every fork runs "
                    + "--runs rounds");
        }
        int maxRounds = forks > 1 ? runs : maxRuns != null ? Math.max(maxRuns, runs) : smoke ? runs
                : Math.max(runs, 9);
        HotProductSettings hot = new HotProductSettings(hotStock, hotBuyers, hotBursts, List.of(Mode.OFF, Mode.TENTH),
                hotRampModes, hotSteps, hotStepSeconds, hotRounds, hotWarmup != null ? hotWarmup : warmup,
                hotTimeout, 256);
        return new Settings(smoke, root, work, out, jobs, modes, isolation, variants, runs, maxRounds, forks,
                duration, pgbenchClients, duration, connections, warmup, rewarm, latencyDuration, load, rssOrders,
                smoke ? 200 : 3_000, 200, 100, profile, jvmOptions, jvmEnvironment, serviceEnvironment, aotProfiles,
                serve, hot);
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    private static String value(String[] arguments, int index, String option) {
        if (index >= arguments.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments[index];
    }

    private static int positive(String value, String option) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(option + " expects a whole number, got " + value);
        }
        if (number <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return number;
    }

    private static double fraction(String value, String option) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(option + " expects a number, got " + value);
        }
        if (!(number > 0) || number > 10) {
            throw new IllegalArgumentException(option + " must be above 0 (and at most 10), got " + value);
        }
        return number;
    }
}
