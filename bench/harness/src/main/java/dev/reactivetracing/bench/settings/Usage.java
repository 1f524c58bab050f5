package dev.reactivetracing.bench.settings;

/** bin/bench --help. */
public final class Usage {

    private Usage() {
    }

    public static String text(ShippedJvm shipped) {
        return """
            Usage: bin/bench [--smoke | --hot-product] [options]

            Runs the benchmark (bench/README.md): PostgreSQL's own limit for the order SQL (pgbench); max orders/s and
            CPU per order with tracing off / 100 %% / 10 %% / 0 %% sampling and with one per-request piece of tracing
            switched off at a time (wrk, interleaved rounds); latency at a constant arrival rate (Hyperfoil); orders on
            one hot product beside orders spread over the catalog (rising open-model rate) and a flash-sale burst; start
            to first order and RSS per service, as shipped and with a JDK 25 AOT cache. Writes bench/results/ (or --out).

              --smoke                 a few seconds per step, one run each; results in bench/target/smoke-results
              --hot-product           only the hot-product part (rising rate, hot vs spread; bursts cold and warm)
              --no-build              use the jars already built instead of building first
              --out DIR               where results.md, results.json and latency.png go (default bench/results;
                                      --hot-product: bench/results/hot-product; smoke: bench/target/smoke-results)
              --runs N                runs per figure, the median is reported; the least number of max-rate rounds
                                      (default 3; smoke 1)
              --max-runs N            max-rate rounds at most: rounds are added until every mode's ratios to
                                      tracing off are resolved (95 %% interval, needs 6 rounds, narrower than the
                                      difference from 1) and its goal decided (default 9; smoke 1)
              --forks N               fresh service pairs per setup, one set after another, each warmed up and
                                      measured over --runs rounds; ratios and goals are then judged across forks
                                      (95 %% interval needs 6), which rounds of one pair cannot show (default 1)
              --duration S            seconds per max-rate run (wrk) and per pgbench run (default 15; smoke 2)
              --latency-duration S    seconds per constant-rate run (default 20; smoke 2)
              --warmup S              warm-up per service pair before measuring (default 90; smoke 2)
              --rewarm S              unmeasured max-rate seconds on a pair right before each measured max-rate
                                      and constant-rate run, then its outbox drained: an idle pair's JVMs unload
                                      compiled code they have not run for a while (default 8; smoke 1)
              --connections N         wrk connections (closed model, default 32; smoke 8)
              --pgbench-clients N     pgbench clients (default 8)
              --load F                constant rate as a fraction of the tracing-off max (default 0.5)
              --modes LIST            any of off,full,tenth,zero (default all four; off is required)
              --no-isolation          skip the variants that switch off one piece of tracing at a time
              --no-hot-product        skip the hot-product part
              --no-fresh              skip start to first order and RSS
              --rss-orders N          orders before reading RSS (default 10000; smoke 200)
              --profile               record JFR on both services during the first max-rate run of each setup
              --jvm-options S         JVM options of every service (default, from %s:
                                      %s)
              --jvm-env K=V,...       environment of every service's JVM (default: %s)
              --aot-profiles          record method profiles in the AOT cache too (JEP 515; crashed Temurin 25.0.3)
              --service-env K=V,...   extra environment for every service (to try a configuration change)
              --variant NAME:MODE:K=V,...  one more pair: MODE with this environment, measured side by side with the
                                      others (repeatable; JVM options: JAVA_TOOL_OPTIONS=...; another build's jars:
                                      BENCH_APP_DIR=<checkout packaged with ./mvnw package>; patched extension
                                      classes: BENCH_EXTENSION_PATCH=<jar>, e.g. %s)
              --hot-stock N           units of the flash-sale product (default 20)
              --hot-buyers N          orders in each burst (default 200)
              --hot-bursts N          warm bursts per mode (default 5; smoke 1)
              --hot-steps F,F,...     the rising rate's steps, as fractions of the closed-model max of one-item
                                      spread orders (default 0.5,0.7,0.8,0.9,1.0,1.1,1.2,1.35; smoke 0.3,0.6)
              --hot-step-duration S   seconds per step (default 8; smoke 1)
              --hot-rounds N          rising-rate runs per distribution (default 2; smoke 1)
              --hot-ramp-modes LIST   tracing modes whose pair runs the rising rate (default tenth)
              --hot-warmup S          warm-up of the hot-product pairs (default: --warmup)
              --hot-timeout S         an order of the rising rate not answered within this has failed (default 1)
              --serve MINUTES         for investigation: start PostgreSQL and the service pairs, load the catalog,
                                      print where they are, keep them running (until bench/target/run/stop exists)
            """.formatted(ShippedJvm.DOCKERFILE, String.join(" ", shipped.jvmOptions()),
                String.join(",", shipped.environment()), Setup.OTEL_PATCH_JAR);
    }
}
