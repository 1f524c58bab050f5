package dev.reactivetracing.bench.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.reactivetracing.bench.load.OpenLoadRun;
import dev.reactivetracing.bench.load.OrderShape;
import dev.reactivetracing.bench.report.Results;
import dev.reactivetracing.bench.report.TracingCost;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.bench.support.Tasks;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.OutboxDrain;
import dev.reactivetracing.bench.system.ServicePair;
import dev.reactivetracing.bench.system.ServicePairs;
import dev.reactivetracing.bench.system.WaitTimes;

/**
 * The cost of tracing: one pair per setup (the modes, the isolation variants, the --variants) running side by side;
 * each warmed up, then max-rate rounds interleaved across setups until the ratios are resolved (or --max-runs), then
 * latency at a constant rate, then what the load left behind. Every measured run is preceded by a short re-warm of its
 * pair (see {@link MaxRateRun#rewarm}). With --forks N, that is done N times over with fresh pairs (--runs rounds
 * each; latency and the state after load on the last set), and the ratios are judged across forks. With --serve, the
 * pairs are kept up for a person instead.
 */
public final class TracingCostJob {

    private final RunContext context;
    private final Settings settings;
    private final Results results;
    private final Infrastructure infrastructure;

    public TracingCostJob(RunContext context) {
        this.context = context;
        this.settings = context.settings();
        this.results = context.results();
        this.infrastructure = context.infrastructure();
    }

    public void run() {
        if (settings.serveMinutes() > 0) {
            serve(context.pairs().start(settings.setups(), ""));
            return;
        }
        int rounds = 0;
        for (int fork = 1; fork <= settings.forks(); fork++) {
            String prefix = "";
            if (settings.forks() > 1) {
                System.out.println("Fork " + fork + " of " + settings.forks() + ": fresh pairs, warm-up, "
                        + settings.minRounds() + " round(s)");
                prefix = "fork" + fork + "_";
            }
            List<ServicePair> pairs = context.pairs().start(settings.setups(), prefix);
            warmUp(pairs);
            rounds = maxRateRounds(pairs, fork, rounds);
            if (fork == settings.forks()) {
                latency(pairs);
                recordState(pairs);
            }
            Console.step("Stopping the service pairs");
            ServicePairs.stop(pairs);
            Console.done();
        }
        results.put("max_rate_rounds", rounds);
        results.put("max_rate_forks", settings.forks());
        results.put("max_rate_modes_settled", TracingCost.modesSettled(results, settings.setups()));
    }

    private void warmUp(List<ServicePair> pairs) {
        for (ServicePair pair : pairs) {
            Console.step("Warming up " + pair.setup().label() + " (" + settings.warmupSeconds() + " s of wrk)");
            Map<String, Object> warm = MaxRateRun.run(context, pair, OrderShape.TWO_SPREAD, settings.warmupSeconds(),
                    false);
            System.out.printf("%.0f orders/s, outbox drained in %.1f s%n",
                    ((Number) warm.get("ok_per_s")).doubleValue(), ((Number) warm.get("outbox_drain_s")).doubleValue());
        }
    }

    /**
     * Rounds of one run per setup, interleaved, so that drift in the machine's load touches every setup alike; every
     * other round in reverse order, so that a steady drift within a round favours no setup over two rounds. With one
     * fork, rounds are added past --runs until every mode's comparison is resolved (its spread below its difference)
     * and every goal decided, up to --max-runs; with several, each fork runs --runs rounds. Returns the rounds run so
     * far, this fork's included.
     */
    private int maxRateRounds(List<ServicePair> pairs, int fork, int roundsBefore) {
        int round = 0;
        while (round < settings.maxRounds()) {
            round++;
            for (ServicePair pair : round % 2 == 1 ? pairs : pairs.reversed()) {
                Console.step("Max rate, " + pair.setup().label() + ", " + (settings.forks() > 1 ? "fork " + fork
                        + ", " : "") + "round " + round + " (wrk, "
                        + settings.connections() + " connections, " + settings.rewarmSeconds() + " s re-warm, "
                        + settings.throughputSeconds() + " s)");
                Map<String, Object> rewarm = MaxRateRun.rewarm(context, pair, OrderShape.TWO_SPREAD);
                Map<String, Object> run = MaxRateRun.run(context, pair, OrderShape.TWO_SPREAD,
                        settings.throughputSeconds(), settings.profile() && fork == 1 && round == 1);
                run.putAll(rewarm);
                run.put("round", roundsBefore + round);
                run.put("fork", fork);
                results.addRun(TracingCost.figure(pair.setup()), run);
                context.checkFailures(run, "wrk " + pair.key());
                System.out.printf("%.0f orders/s, p99 %.1f ms, CPU/order: order %.2f ms, inventory %.2f ms, "
                        + "postgres %.2f ms; outbox: %s left, drained in %.1f s; compiled methods before/after "
                        + "the re-warm: order %s/%s, inventory %s/%s%n",
                        ((Number) run.get("ok_per_s")).doubleValue(), run.get("p99_ms"),
                        run.get("cpu_ms_per_order_order"), run.get("cpu_ms_per_order_inventory"),
                        run.get("cpu_ms_per_order_postgres"), run.get("outbox_pending_at_end"),
                        ((Number) run.get("outbox_drain_s")).doubleValue(),
                        run.get("compiled_methods_before_rewarm_order"),
                        run.get("compiled_methods_after_rewarm_order"),
                        run.get("compiled_methods_before_rewarm_inventory"),
                        run.get("compiled_methods_after_rewarm_inventory"));
            }
            if (settings.forks() == 1 && round >= settings.minRounds()) {
                if (TracingCost.modesSettled(results, settings.setups())) {
                    System.out.println("Every mode's ratios resolved and goals decided after " + round + " round(s).");
                    break;
                }
                if (round < settings.maxRounds()) {
                    System.out.println("Some modes' ratios are within their spread, or a goal inside it, after "
                            + round + " round(s): one more round.");
                }
            }
        }
        return roundsBefore + round;
    }

    private void latency(List<ServicePair> pairs) {
        double maxOff = results.median("max_rate_off", "ok_per_s");
        double rate = Math.max(1, Math.round(maxOff * settings.latencyLoad()));
        results.put("latency_rate_per_s", rate);
        int warmupSeconds = settings.smoke() ? 1 : 3;
        for (int run = 1; run <= settings.minRounds(); run++) {
            for (ServicePair pair : pairs) {
                if (!pair.setup().measuresLatency()) {
                    continue;
                }
                Console.step("Latency at " + (long) rate + " orders/s (" + Math.round(settings.latencyLoad() * 100)
                        + " % of the tracing-off max), " + pair.setup().label() + ", run " + run + "/"
                        + settings.minRounds() + " (" + settings.rewarmSeconds() + " s re-warm at the max rate, then "
                        + "Hyperfoil, " + settings.latencySeconds() + " s)");
                Map<String, Object> rewarm = MaxRateRun.rewarm(context, pair, OrderShape.TWO_SPREAD);
                WaitTimes before = WaitTimes.of(pair, infrastructure);
                Map<String, Object> open = OpenLoadRun.run(pair.order().baseUrl(), pair.customersFile(),
                        settings.products(), OrderShape.TWO_SPREAD, List.of(rate), settings.latencySeconds(),
                        warmupSeconds, 32, 10, settings.work(),
                        infrastructure.logs().resolve("hyperfoil.log")).getFirst();
                // What the tail is made of: waiting for a CPU, GC pauses. The window holds the generator's warm-up
                // too, at the same rate: per order and per second over both.
                open.putAll(WaitTimes.of(pair, infrastructure).minus(before).perOrder(
                        ((Number) open.get("total")).longValue() + Math.round(rate * warmupSeconds),
                        settings.latencySeconds() + warmupSeconds));
                open.put("outbox_pending_at_end", OutboxDrain.await(infrastructure, pair).pendingAtEnd());
                open.putAll(rewarm);
                results.addRun("latency_" + pair.key(), open);
                context.checkFailures(open, "Hyperfoil " + pair.key());
                System.out.printf("p50 %.2f ms, p99 %.2f ms, %.0f responses/s; waiting for a CPU per order: order "
                        + "%.2f ms, inventory %.2f ms, postgres %.2f ms; GC pauses: order %s, inventory %s%n",
                        open.get("p50_ms"), open.get("p99_ms"), ((Number) open.get("achieved_rate")).doubleValue(),
                        open.get("run_queue_ms_per_order_order"), open.get("run_queue_ms_per_order_inventory"),
                        open.get("run_queue_ms_per_order_postgres"), gcSummary(open, "order"),
                        gcSummary(open, "inventory"));
            }
        }
    }

    private static String gcSummary(Map<String, Object> run, String service) {
        if (!(run.get("gc_collections_" + service) instanceof Number collections)) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "%d, %.1f ms", collections.longValue(),
                ((Number) run.get("gc_pause_ms_" + service)).doubleValue());
    }

    /** What the load left behind: orders saved, events the outbox relay has not delivered yet, and RSS. */
    private void recordState(List<ServicePair> pairs) {
        for (ServicePair pair : pairs) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("orders", Long.parseLong(infrastructure.postgres().queryForString(pair.orderDb(),
                    "SELECT count(*) FROM customer_order")));
            state.put("outbox_pending", OutboxDrain.pending(infrastructure, pair));
            state.put("reservations_unconfirmed", Long.parseLong(infrastructure.postgres().queryForString(
                    pair.inventoryDb(), "SELECT count(*) FROM reservation WHERE status = 'RESERVED'")));
            state.put("rss_mb_order", pair.order().memory().rssKb() / 1024.0);
            state.put("rss_mb_inventory", pair.inventory().memory().rssKb() / 1024.0);
            results.put("after_load_" + pair.key(), state);
        }
        results.put("spans_received_total", infrastructure.spansReceived());
        results.put("otlp_export_requests_total", infrastructure.exportRequests());
    }

    /** --serve: everything up for a person to measure or profile by hand. */
    private void serve(List<ServicePair> pairs) {
        System.out.println();
        System.out.println("PostgreSQL: " + infrastructure.postgres().jdbcUrl("<db>") + " (user postgres); OTLP "
                + "receiver " + infrastructure.receiver().endpoint());
        for (ServicePair pair : pairs) {
            System.out.println(pair.name() + ": order-service " + pair.order().baseUrl() + " (pid " + pair.order().pid()
                    + "), inventory-service " + pair.inventory().baseUrl() + " (pid " + pair.inventory().pid()
                    + "), customers " + pair.customersFile() + ", databases " + pair.orderDb() + ", "
                    + pair.inventoryDb());
        }
        Path stop = settings.work().resolve("stop");
        System.out.println("Serving for " + settings.serveMinutes() + " min, or until " + stop + " exists.");
        long deadline = System.nanoTime() + Duration.ofMinutes(settings.serveMinutes()).toNanos();
        while (System.nanoTime() < deadline && !Files.exists(stop)) {
            Tasks.sleep(Duration.ofSeconds(1));
        }
    }
}
