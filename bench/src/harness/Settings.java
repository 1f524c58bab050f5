import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one invocation of bin/bench measures, and for how long. */
record Settings(
        boolean smoke,
        Path root,
        Path work,
        Path out,
        List<Mode> modes,
        int runs,
        int pgbenchSeconds,
        int pgbenchClients,
        int throughputSeconds,
        int connections,
        int warmupSeconds,
        int latencySeconds,
        double latencyLoad,
        int freshRuns,
        int ordersForRss,
        int trainingOrders,
        int products,
        int customers,
        boolean profile,
        List<String> tunedJvmOptions,
        List<String> extraServiceEnvironment,
        int serveMinutes,
        List<String> tunedEnvironment,
        List<Setup> variants,
        boolean fresh) {

    /**
     * One service pair to measure: a tracing mode as shipped, or a variant of one with extra environment (a proposed
     * configuration change, measured side by side with the shipped one).
     */
    static final class Setup {
        final String key;
        final String label;
        final Mode mode;
        final List<String> environment;

        Setup(String key, String label, Mode mode, List<String> environment) {
            this.key = key;
            this.label = label;
            this.mode = mode;
            this.environment = List.copyOf(environment);
        }

        boolean isVariant() {
            return !environment.isEmpty();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Setup setup && setup.key.equals(key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }

        @Override
        public String toString() {
            return key;
        }

        /** NAME:MODE:K=V,K=V (JVM options through JAVA_TOOL_OPTIONS=...). */
        static Setup parse(String text) {
            String[] parts = text.split(":", 3);
            if (parts.length != 3 || !parts[0].matches("[a-z0-9_]+") || parts[2].isBlank()) {
                throw new IllegalArgumentException("--variant expects name:mode:KEY=VALUE[,KEY=VALUE...] with a "
                        + "lower-case name, got " + text);
            }
            Mode mode = Mode.of(parts[1]);
            return new Setup(parts[0], parts[0] + " (" + mode.label + ", " + parts[2] + ")", mode,
                    Arrays.asList(parts[2].split(",(?=[A-Z_][A-Z0-9_]*=)")));
        }
    }

    /** The shipped modes, then the variants. */
    List<Setup> setups() {
        List<Setup> setups = new ArrayList<>();
        for (Mode mode : modes) {
            setups.add(new Setup(mode.key, mode.label, mode, List.of()));
        }
        setups.addAll(variants);
        return setups;
    }

    /** JVM options proposed for the services (see bench/README.md): small heap, serial GC, AOT cache added later. */
    static final String DEFAULT_TUNED_JVM_OPTIONS =
            "-XX:+UseSerialGC -Xms24m -Xmx96m -XX:ReservedCodeCacheSize=48m -Xss512k";

    /** Environment of the proposed configuration: glibc keeps 2 malloc arenas, not 8 per core. */
    static final String DEFAULT_TUNED_ENVIRONMENT = "MALLOC_ARENA_MAX=2";

    static final String USAGE = """
            Usage: bin/bench [--smoke] [options]

            Runs the benchmark (bench/README.md): PostgreSQL's own limit for the order SQL (pgbench), max orders/s
            with tracing off / 100 %% / 10 %% sampling (wrk), latency at a constant arrival rate (Hyperfoil), start to
            first order and RSS after 10,000 orders per service. Writes bench/results/ (or --out).

              --smoke                 a few seconds per step, one run each; results in bench/target/smoke-results
              --no-build              use the jars already built (./mvnw package) instead of building first
              --out DIR               where results.md, results.json and latency.png go
              --runs N                runs per figure, the median is reported (default 3; smoke 1)
              --duration S            seconds per max-rate run (wrk) and per pgbench run (default 15; smoke 2)
              --latency-duration S    seconds per constant-rate run (default 20; smoke 2)
              --warmup S              warm-up per service pair before measuring (default 90; smoke 2)
              --connections N         wrk connections (closed model, default 32; smoke 8)
              --pgbench-clients N     pgbench clients (default 8)
              --load F                constant rate as a fraction of the tracing-off max (default 0.5)
              --modes LIST            any of off,full,tenth (default all three)
              --rss-orders N          orders before reading RSS (default 10000; smoke 200)
              --no-fresh              skip start to first order and RSS (for a quicker look at a variant)
              --profile               record JFR on both services during the first max-rate run of each mode
              --tuned-jvm-options S   JVM options of the "proposed" start/RSS configuration (default: %s)
              --tuned-env K=V,...     environment of the "proposed" configuration (default: %s)
              --service-env K=V,...   extra environment for every service (to try a configuration change)
              --variant NAME:MODE:K=V,...  one more pair: MODE (off, full, tenth) with this environment, measured
                                      side by side with the others (repeatable; JVM options: JAVA_TOOL_OPTIONS=...;
                                      another build's jars: BENCH_APP_DIR=<checkout packaged with ./mvnw package>)
              --serve MINUTES         for investigation: start PostgreSQL and the service pairs, load the catalog,
                                      print where they are, keep them running (until bench/target/run/stop exists)
            """.formatted(DEFAULT_TUNED_JVM_OPTIONS, DEFAULT_TUNED_ENVIRONMENT);

    enum Mode {
        OFF("off", "tracing off"),
        FULL("full", "100 % sampling"),
        TENTH("tenth", "10 % sampling");

        final String key;
        final String label;

        Mode(String key, String label) {
            this.key = key;
            this.label = label;
        }

        static Mode of(String key) {
            return Arrays.stream(values()).filter(mode -> mode.key.equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown mode " + key + " (off, full, tenth)"));
        }
    }

    static Settings parse(String[] arguments, Path root) {
        boolean smoke = Arrays.asList(arguments).contains("--smoke");
        Path work = root.resolve(smoke ? "bench/target/smoke" : "bench/target/run");
        Path out = smoke ? root.resolve("bench/target/smoke-results") : root.resolve("bench/results");
        List<Mode> modes = List.of(Mode.OFF, Mode.FULL, Mode.TENTH);
        int runs = smoke ? 1 : 3;
        int duration = smoke ? 2 : 15;
        int latencyDuration = smoke ? 2 : 20;
        int warmup = smoke ? 2 : 90;
        int connections = smoke ? 8 : 32;
        int pgbenchClients = 8;
        double load = 0.5;
        int rssOrders = smoke ? 200 : 10_000;
        boolean profile = false;
        String tuned = DEFAULT_TUNED_JVM_OPTIONS;
        List<String> serviceEnvironment = new ArrayList<>();
        int serve = 0;
        List<Setup> variants = new ArrayList<>();
        boolean fresh = true;
        List<String> tunedEnvironment = new ArrayList<>(List.of(DEFAULT_TUNED_ENVIRONMENT.split(",")));
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            switch (argument) {
                case "--smoke" -> {
                }
                case "--profile" -> profile = true;
                case "--no-fresh" -> fresh = false;
                case "--variant" -> variants.add(Setup.parse(value(arguments, ++i, argument)));
                case "--serve" -> serve = positive(value(arguments, ++i, argument), argument);
                case "--out" -> out = Path.of(value(arguments, ++i, argument)).toAbsolutePath();
                case "--runs" -> runs = positive(value(arguments, ++i, argument), argument);
                case "--duration" -> duration = positive(value(arguments, ++i, argument), argument);
                case "--latency-duration" -> latencyDuration = positive(value(arguments, ++i, argument), argument);
                case "--warmup" -> warmup = positive(value(arguments, ++i, argument), argument);
                case "--connections" -> connections = positive(value(arguments, ++i, argument), argument);
                case "--pgbench-clients" -> pgbenchClients = positive(value(arguments, ++i, argument), argument);
                case "--rss-orders" -> rssOrders = positive(value(arguments, ++i, argument), argument);
                case "--load" -> load = Double.parseDouble(value(arguments, ++i, argument));
                case "--modes" -> modes = Arrays.stream(value(arguments, ++i, argument).split(","))
                        .map(String::trim).map(Mode::of).toList();
                case "--tuned-jvm-options" -> tuned = value(arguments, ++i, argument);
                case "--tuned-env" -> {
                    String list = value(arguments, ++i, argument);
                    tunedEnvironment = list.isBlank() ? List.of() : Arrays.asList(list.split(","));
                }
                case "--service-env" -> serviceEnvironment.addAll(
                        Arrays.asList(value(arguments, ++i, argument).split(",")));
                default -> throw new IllegalArgumentException("Unknown option " + argument);
            }
        }
        if (!modes.contains(Mode.OFF)) {
            throw new IllegalArgumentException("--modes must include off: every ratio is relative to tracing off");
        }
        return new Settings(smoke, root, work, out, modes, runs, duration, pgbenchClients, duration, connections,
                warmup, latencyDuration, load, runs, rssOrders, smoke ? 200 : 3_000, 200, 100, profile,
                tuned.isBlank() ? List.of() : Arrays.asList(tuned.trim().split("\\s+")), serviceEnvironment, serve,
                tunedEnvironment, variants, fresh);
    }

    private static String value(String[] arguments, int index, String option) {
        if (index >= arguments.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments[index];
    }

    private static int positive(String value, String option) {
        int number = Integer.parseInt(value);
        if (number <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return number;
    }
}
