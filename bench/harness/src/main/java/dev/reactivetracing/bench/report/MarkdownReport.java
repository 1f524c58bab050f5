package dev.reactivetracing.bench.report;

import static dev.reactivetracing.bench.report.Format.fmt;
import static dev.reactivetracing.bench.report.Format.met;
import static dev.reactivetracing.bench.report.Format.number;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.reactivetracing.bench.settings.Job;
import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.Setup;

/** results.md: targets, the tracing cost with its spread, where the CPU goes, latency, hot product, start and RSS. */
public final class MarkdownReport {

    /** The fresh-start configurations, as the fresh-start job names them. */
    public static final List<String> FRESH_CONFIGURATIONS = List.of("as_shipped", "as_shipped_aot");

    private final Settings settings;
    private final Results results;
    private final Targets targets = new Targets();

    public MarkdownReport(Settings settings, Results results) {
        this.settings = settings;
        this.results = results;
    }

    public Targets targets() {
        return targets;
    }

    public String markdown(boolean plotted) {
        StringBuilder md = new StringBuilder("# Benchmark: orders per second, latency and the cost of tracing\n\n");
        md.append("Written by `bin/bench").append(settings.smoke() ? " --smoke" : "")
                .append(settings.jobs().equals(java.util.Set.of(Job.HOT_PRODUCT)) ? " --hot-product" : "")
                .append("` on ").append(ZonedDateTime.now(ZoneOffset.UTC).format(
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" in ").append(fmt(results.number("elapsed_s") / 60, 0)).append(" min")
                .append(settings.smoke() ? " (**smoke mode: durations far too short to mean anything; it only proves "
                        + "the harness works**)" : "")
                .append(". Every figure is the median of its runs in this one invocation (at least ")
                .append(settings.minRounds()).append("); how it is measured: [bench/README.md](../README.md). Every ")
                .append("service ran with the JVM images' options: `").append(String.join(" ",
                        settings.serviceJvmOptions())).append("`, environment `").append(String.join(" ",
                                settings.serviceJvmEnvironment())).append("`. Raw numbers: `results.json`, and every ")
                .append("run below.\n\n");

        targets.clear();
        boolean tracing = settings.runs(Job.TRACING_COST) && results.has("max_rate_off");
        if (tracing) {
            addTracingTargets();
        }
        HotProductSection hot = new HotProductSection(results, settings.hot());
        hot.addTargets(targets);
        addFreshTargets();
        md.append("## Figures and targets\n\n").append(targets.markdown()).append('\n');
        if (tracing) {
            md.append(tracingCostSection());
            md.append(cpuSection());
            md.append(latencySection(plotted));
        }
        if (settings.runs(Job.HOT_PRODUCT)) {
            md.append(hot.markdown());
        }
        md.append(freshSection());
        md.append(afterLoadSection());
        md.append(machineSection());
        md.append(everyRunSection());
        return md.toString();
    }

    // ----------------------------------------------------------------------------------------------------------------

    private void addTracingTargets() {
        double rSql = results.median("pgbench_request", "tps");
        double off = results.median("max_rate_off", "ok_per_s");
        if (results.has("pgbench_request")) {
            targets.add("R_sql: the order's SQL run by pgbench (request path)", fmt(rSql, 0) + " orders/s",
                    "the ceiling", "");
            targets.add("R_sql with the outbox delivery's SQL too", fmt(results.median("pgbench_with_delivery", "tps"),
                    0) + " orders/s", "(for reference)", "");
            targets.add("max orders/s, tracing off", fmt(off, 0) + " = " + fmt(off / rSql, 2) + " × R_sql",
                    "≥ 0.65 × R_sql", met(off / rSql >= 0.65));
        }
        Setup offSetup = Setup.of(Mode.OFF);
        for (Mode mode : settings.modes()) {
            if (mode == Mode.OFF) {
                continue;
            }
            Setup setup = Setup.of(mode);
            RoundComparison ratio = TracingCost.ordersPerSecond(results, setup, offSetup);
            double target = TracingCost.goal(mode);
            targets.add("max orders/s, " + mode.label + " / tracing off (per " + (settings.forks() > 1 ? "fork"
                    : "round") + ": median (95 % interval))",
                    fmt(results.median(TracingCost.figure(setup), "ok_per_s"), 0) + " orders/s, " + ratio.format(3)
                            + "; " + ratio.verdict(),
                    Double.isNaN(target) ? "(the instrumentation alone)" : "≥ " + target + " × off",
                    Double.isNaN(target) ? "" : ratio.against(target));
            if (!Double.isNaN(target)) {
                // The same goal in what the two cores can complete: off's CPU per order ÷ this setup's, per round.
                RoundComparison capacity = TracingCost.capacityRatio(results, setup, offSetup);
                targets.add("capacity (cores ÷ CPU per order), " + mode.label + " / tracing off",
                        capacity.format(3) + "; " + capacity.verdict(), "≥ " + target + " × off",
                        capacity.against(target));
            }
        }
        for (Setup variant : settings.variants()) {
            Setup baseline = TracingCost.baseline(variant);
            targets.add("max orders/s, variant " + variant.label(), fmt(results.median(TracingCost.figure(variant),
                    "ok_per_s"), 0) + " = " + TracingCost.ordersPerSecond(results, variant, baseline).format(3)
                    + " × " + baseline.label() + "; CPU per order " + TracingCost.cpuRatio(results, variant, baseline,
                            "total").format(3) + " ×", "(a proposed change)", "");
        }
        for (Setup setup : settings.setups()) {
            if (!setup.measuresLatency()) {
                continue;
            }
            double p50 = results.median("latency_" + setup.key(), "p50_ms");
            double p99 = results.median("latency_" + setup.key(), "p99_ms");
            targets.add("p50 / p99 at " + fmt(results.number("latency_rate_per_s"), 0) + " orders/s (constant rate), "
                    + setup.label(), fmt(p50, 2) + " / " + fmt(p99, 2) + " ms", "p99 ≤ 20 ms", met(p99 <= 20));
        }
    }

    private void addFreshTargets() {
        for (String configuration : FRESH_CONFIGURATIONS) {
            String figure = "fresh_" + configuration;
            if (!results.has(figure)) {
                continue;
            }
            String label = configuration.equals("as_shipped") ? "as shipped" : "as shipped + AOT cache";
            for (String service : List.of("inventory", "order")) {
                double first = results.median(figure, "start_to_first_order_ms_" + service);
                targets.add("start to first order, " + service + "-service (" + label + ")", fmt(first, 0) + " ms",
                        "≤ 1000 ms", met(first <= 1000));
            }
            for (String service : List.of("inventory", "order")) {
                double rss = results.median(figure, "rss_mb_" + service);
                targets.add("RSS after " + settings.ordersForRss() + " orders, " + service + "-service (" + label
                        + ")", fmt(rss, 0) + " MB", "≤ 150 MB", met(rss <= 150));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private String tracingCostSection() {
        StringBuilder md = new StringBuilder("## The cost of tracing, isolated\n\n");
        int rounds = results.runs("max_rate_off").size();
        if (settings.forks() > 1) {
            md.append("Forks: ").append(TracingCost.forks(results, "max_rate_off").size()).append(", one after ")
                    .append("another, each a fresh pair of every setup: started, warmed up (").append(settings
                            .warmupSeconds()).append(" s), then ").append(settings.minRounds()).append(" max-rate ")
                    .append("round(s) (wrk, ").append(settings.throughputSeconds()).append(" s each, every setup ")
                    .append("once per round, interleaved, every other round in reverse order); ").append(rounds)
                    .append(" rounds in all. Each cell: the median over the forks of each fork's figure (the median ")
                    .append("of its per-round ratios, setup ÷ baseline in the same round) and, in brackets, the ")
                    .append("interval that holds the true median with at least 95 % confidence from the forks' order ")
                    .append("statistics (with fewer than 6 forks the range holds less, and the verdict says how ")
                    .append("much). The fork is the unit because a pair's JIT can leave it 10-15 % faster or slower ")
                    .append("than a fresh pair of the same setup for as long as it runs: rounds of one pair average ")
                    .append("that away only within the pair. *Resolved* when the interval is narrower than the ")
                    .append("ratio's distance from 1. **Where it is not, the difference claimed is within this ")
                    .append("machine's noise.** *Trending*: the per-fork values move steadily from fork to fork ")
                    .append("(Spearman's ρ against the fork at the two-sided 10 % critical value): the machine ")
                    .append("drifted, and such a figure resolves and decides nothing.\n\n");
        } else {
            md.append("Max-rate rounds (wrk, ").append(settings.throughputSeconds()).append(" s each, every setup ")
                    .append("once per round, interleaved): ").append(rounds).append(" (at least ")
                    .append(settings.minRounds()).append(", at most ").append(settings.maxRounds()).append(": rounds ")
                    .append("are added until every mode's orders/s and CPU per order differ from tracing off's by ")
                    .append("more than their spread and every goal is decided, or the maximum is reached; the other ")
                    .append("setups run in the same rounds; every other round runs the setups in reverse order, so ")
                    .append("that a drift in the machine's speed favours none). Each cell: the median of the ")
                    .append("per-round ratios (setup ÷ baseline in the same round) and, in brackets, the interval ")
                    .append("that holds the true median with at least 95 % confidence from the rounds' order ")
                    .append("statistics (the whole range up to 8 rounds; from 9 on, the extremes are dropped, so ")
                    .append("that more rounds narrow it; with fewer than 6 rounds the range holds less, and the ")
                    .append("verdict says how much). *Resolved* when that interval is narrower than the ratio's ")
                    .append("distance from 1. **Where it is not, the difference claimed is within this machine's ")
                    .append("noise.** *Trending*: the per-round values move steadily through the run (Spearman's ρ ")
                    .append("against the round at the two-sided 10 % critical value): the pairs were not in a steady ")
                    .append("state, and such a figure resolves and decides nothing. All rounds ran on one pair per ")
                    .append("setup: the interval does not hold what differs from one pair of JVMs to a fresh one ")
                    .append("(`--forks`).\n\n");
        }
        if (settings.forks() > 1) {
            md.append(forksTable());
        }
        md.append("| setup | against | orders/s | resolved? | CPU per order, total | resolved? | order-service | "
                + "inventory-service | PostgreSQL | receiver (ms/order more) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Setup setup : settings.setups()) {
            Setup baseline = TracingCost.baseline(setup);
            if (setup.key().equals(baseline.key()) || !results.has(TracingCost.figure(setup))) {
                continue;
            }
            RoundComparison orders = TracingCost.ordersPerSecond(results, setup, baseline);
            RoundComparison total = TracingCost.cpuRatio(results, setup, baseline, "total");
            md.append("| ").append(setup.label()).append(" | ").append(baseline.key()).append(" | ")
                    .append(orders.format(3)).append(" | ").append(orders.verdict()).append(" | ")
                    .append(total.format(3)).append(" | ").append(total.verdict());
            for (String process : List.of("order", "inventory", "postgres")) {
                md.append(" | ").append(TracingCost.cpuRatio(results, setup, baseline, process).format(3));
            }
            md.append(" | ").append(TracingCost.cpuDifference(results, setup, baseline, "receiver").format(3))
                    .append(" |\n");
        }
        List<Setup> isolation = settings.setups().stream().filter(setup -> setup.kind() == Setup.Kind.ISOLATION)
                .toList();
        if (!isolation.isEmpty()) {
            md.append("\nOne per-request piece switched off at a time, against 10 % sampling as shipped: CPU per order ")
                    .append("saved (ms, per round: 10 % − variant), order-service and inventory-service apart.\n\n")
                    .append("| switched off | total saved | resolved? | order-service saved | inventory-service saved "
                            + "| spans per order |\n|---|---|---|---|---|---|\n");
            Setup tenth = Setup.of(Mode.TENTH);
            for (Setup setup : isolation) {
                RoundComparison saved = TracingCost.cpuDifference(results, tenth, setup, "total");
                md.append("| ").append(setup.label()).append(" | ").append(saved.format(3)).append(" ms | ")
                        .append(saved.verdict()).append(" | ")
                        .append(TracingCost.cpuDifference(results, tenth, setup, "order").format(3)).append(" ms | ")
                        .append(TracingCost.cpuDifference(results, tenth, setup, "inventory").format(3))
                        .append(" ms | ").append(fmt(results.median(TracingCost.figure(setup),
                                "spans_received_per_order"), 2)).append(" |\n");
            }
            md.append("\nThe propagators are fixed at build time (`quarkus.otel.propagators`): that variant runs services ")
                    .append("packaged for it from a copy of these sources (left out of smoke runs). Not measured: the ")
                    .append("OpenTelemetry metrics as a whole (`quarkus.otel.metrics.enabled`: the services record ")
                    .append("business metrics with it) and the REST instrumentation (`quarkus.otel.instrument.rest`). ")
                    .append("The trace ids the extension puts in the logging MDC have no setting at all: the patched ")
                    .append("extension (bench/otel-patch) measures what copying them on every attach costs.\n");
        }
        md.append('\n');
        return md.toString();
    }

    private String cpuSection() {
        Map<String, Object> machine = results.machine();
        StringBuilder md = new StringBuilder("## Where the CPU goes, per order (max-rate runs, medians)\n\n");
        md.append("CPU time each process used from the start of each max-rate run until the pair's outbox relay had ")
                .append("delivered that run's events (and the batch span processor exported its spans), divided by the ")
                .append("orders completed (from /proc, ")
                .append("and bash's `times` for wrk and pgbench). The receiver is the harness JVM, which decodes every ")
                .append("OTLP export. *Capacity* is what the machine's ").append(machine.get("cores"))
                .append(" cores could complete if these processes had them to themselves (cores / CPU per order). ")
                .append("The relay falls behind at the max rate and delivers a varying part of a run's events after ")
                .append("it (*drained in*); counting until delivery makes CPU per order the cost of a whole order, ")
                .append("and no relay works while another pair is measured. *During run*: the total counted during ")
                .append("the run alone, for comparison. Before each measured run its pair runs ")
                .append(settings.rewarmSeconds()).append(" s at the max rate, unmeasured, and its outbox is drained: ")
                .append("a pair idles while the others are measured, and its JVMs unload compiled methods they have ")
                .append("not run for a while (the GC does, sooner the fuller the 48 MB code cache the images ship); ")
                .append("the last columns count the compiled methods (jcmd Compiler.codecache, medians) before and ")
                .append("after that re-warm.\n\n");
        md.append("| setup | orders/s | wrk p99 | order-service | inventory-service | PostgreSQL | OTLP receiver | "
                + "load generator | total | during run | capacity | spans per order | outbox events left at the end | "
                + "drained in | compiled methods before / after the re-warm: order | inventory "
                + "|\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Setup setup : settings.setups()) {
            String figure = TracingCost.figure(setup);
            md.append("| ").append(setup.label()).append(" | ").append(fmt(results.median(figure, "ok_per_s"), 0))
                    .append(" | ").append(fmt(results.median(figure, "p99_ms"), 1)).append(" ms");
            for (String field : List.of("order", "inventory", "postgres", "receiver", "wrk", "total",
                    "total_during_run")) {
                md.append(" | ").append(fmt(results.median(figure, "cpu_ms_per_order_" + field), 2)).append(" ms");
            }
            md.append(" | ").append(fmt(results.median(figure, "cpu_bound_capacity_per_s"), 0)).append("/s | ")
                    .append(fmt(results.median(figure, "spans_received_per_order"), 2)).append(" | ")
                    .append(fmt(results.median(figure, "outbox_pending_at_end"), 0)).append(" | ")
                    .append(fmt(results.median(figure, "outbox_drain_s"), 1)).append(" s");
            for (String service : List.of("order", "inventory")) {
                md.append(" | ").append(fmt(results.median(figure, "compiled_methods_before_rewarm_" + service), 0))
                        .append(" / ").append(fmt(results.median(figure, "compiled_methods_after_rewarm_" + service),
                                0));
            }
            md.append(" |\n");
        }
        if (results.has("pgbench_request")) {
            md.append("| pgbench (R_sql) | ").append(fmt(results.median("pgbench_request", "tps"), 0))
                    .append(" | | | | ").append(fmt(results.median("pgbench_request", "postgres_cpu_ms_per_tx"), 2))
                    .append(" ms | | ").append(fmt(results.median("pgbench_request", "pgbench_cpu_ms_per_tx"), 2))
                    .append(" ms | ").append(fmt(results.median("pgbench_request", "cpu_ms_per_tx_total"), 2))
                    .append(" ms | | ").append(fmt(results.median("pgbench_request", "cpu_bound_capacity_per_s"), 0))
                    .append("/s | | | | | |\n");
        }
        md.append('\n');
        return md.toString();
    }

    /** Each fork's orders/s ratio per setup: how much a fresh pair of JVMs moves the figure. */
    private String forksTable() {
        List<Integer> forks = TracingCost.forks(results, "max_rate_off");
        StringBuilder md = new StringBuilder("Orders/s ratio of each fork (the median of its rounds):\n\n| setup | "
                + "against |");
        forks.forEach(fork -> md.append(" fork ").append(fork).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(forks.size())).append('\n');
        for (Setup setup : settings.setups()) {
            Setup baseline = TracingCost.baseline(setup);
            if (setup.key().equals(baseline.key()) || !results.has(TracingCost.figure(setup))) {
                continue;
            }
            md.append("| ").append(setup.label()).append(" | ").append(baseline.key()).append(" |");
            TracingCost.ordersPerSecond(results, setup, baseline).values()
                    .forEach(ratio -> md.append(' ').append(fmt(ratio, 3)).append(" |"));
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private String latencySection(boolean plotted) {
        StringBuilder md = new StringBuilder("## Latency at a constant arrival rate\n\n");
        md.append(String.format(Locale.ROOT, "Open model (Hyperfoil `constantRate`): %s new orders per second, %s of "
                + "the tracing-off max rate, for every setup but the isolation variants, so that the curves compare "
                + "the same offered load.%s\n\n", fmt(results.number("latency_rate_per_s"), 0),
                Math.round(settings.latencyLoad() * 100) + " %",
                plotted ? "\n\n![latency percentiles](latency.png)" : " (gnuplot missing: no plot)"));
        md.append("| setup | p50 | p90 | p99 | p99.9 | max | achieved/s | failed |\n|---|---|---|---|---|---|---|---|\n");
        for (Setup setup : settings.setups()) {
            if (!setup.measuresLatency()) {
                continue;
            }
            String figure = "latency_" + setup.key();
            md.append("| ").append(setup.label());
            for (String field : List.of("p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms")) {
                md.append(" | ").append(fmt(results.median(figure, field), 2)).append(" ms");
            }
            md.append(" | ").append(fmt(results.median(figure, "achieved_rate"), 0)).append(" | ")
                    .append(fmt(results.values(figure, "failed").stream().mapToDouble(Double::doubleValue).sum(), 0))
                    .append(" |\n");
        }
        md.append('\n');
        md.append(tailSection());
        return md.toString();
    }

    /**
     * What the latency runs' time is made of besides running: waiting for a CPU (run queue) per order, per process,
     * and the GC pauses of each JVM. Empty for results without these figures.
     */
    private String tailSection() {
        List<Setup> measured = settings.setups().stream().filter(Setup::measuresLatency)
                .filter(setup -> !results.values("latency_" + setup.key(), "run_queue_ms_per_order_order").isEmpty())
                .toList();
        if (measured.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### What the tail is made of\n\n");
        md.append("During each constant-rate run (its warm-up included): the time the threads of each process spent ")
                .append("ready to run but waiting for a CPU (Linux schedstat, every thread; per order), and the ")
                .append("time each JVM was stopped for garbage collection (jstat: young and full collections). ")
                .append("Medians of the runs. A request waits in up to three of these processes (order-service, ")
                .append("inventory-service, PostgreSQL); background threads (span export, the outbox relay) wait ")
                .append("too and are counted.\n\n");
        md.append("| setup | p50 | p99 | CPU wait/order: order | inventory | postgres | GC order: pauses, total, "
                + "mean, stopped | GC inventory: pauses, total, mean, stopped |\n|---|---|---|---|---|---|---|---|\n");
        for (Setup setup : measured) {
            String figure = "latency_" + setup.key();
            md.append("| ").append(setup.label())
                    .append(" | ").append(fmt(results.median(figure, "p50_ms"), 2)).append(" ms")
                    .append(" | ").append(fmt(results.median(figure, "p99_ms"), 2)).append(" ms");
            for (String process : List.of("order", "inventory", "postgres")) {
                md.append(" | ").append(fmt(results.median(figure, "run_queue_ms_per_order_" + process), 3))
                        .append(" ms");
            }
            for (String service : List.of("order", "inventory")) {
                md.append(" | ");
                if (results.values(figure, "gc_collections_" + service).isEmpty()) {
                    md.append("unknown");
                    continue;
                }
                md.append(fmt(results.median(figure, "gc_collections_" + service), 0)).append(", ")
                        .append(fmt(results.median(figure, "gc_pause_ms_" + service), 1)).append(" ms, ")
                        .append(fmt(results.median(figure, "gc_mean_pause_ms_" + service), 2)).append(" ms, ")
                        .append(fmt(100 * results.median(figure, "gc_stopped_share_" + service), 2)).append(" %");
            }
            md.append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }

    private String freshSection() {
        if (FRESH_CONFIGURATIONS.stream().noneMatch(configuration -> results.has("fresh_" + configuration))) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Start to first order and RSS: as shipped, and with an AOT cache\n\n");
        md.append("Fresh processes against an already migrated database, prod profile, 10 % sampling exported, the ")
                .append("JVM images' options. *AOT cache*: the same plus `-XX:AOTCache=` of a cache recorded by an ")
                .append("unmeasured training run (JDK 25, JEP 483/514").append(settings.aotProfiles()
                        ? " and JEP 515 method profiles" : "; method profiles (JEP 515) not recorded")
                .append(": ").append(results.get("aot_cache") == null ? "not run" : results.get("aot_cache"))
                .append("). Start: from just before the JVM process is started to the first 201 for real work (a ")
                .append("reservation for inventory-service, an order for order-service, with inventory-service ")
                .append("already up). RSS: VmRSS after ").append(settings.ordersForRss())
                .append(" orders (16 concurrent clients).\n\n");
        md.append("| configuration | start→first order inventory | order | Quarkus \"started in\" inventory | order | "
                + "RSS inventory | RSS order | peak RSS inventory | order |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String configuration : FRESH_CONFIGURATIONS) {
            String figure = "fresh_" + configuration;
            if (!results.has(figure)) {
                continue;
            }
            md.append("| ").append(configuration.replace('_', ' '));
            for (String field : List.of("start_to_first_order_ms_inventory", "start_to_first_order_ms_order",
                    "quarkus_started_in_ms_inventory", "quarkus_started_in_ms_order")) {
                md.append(" | ").append(fmt(results.median(figure, field), 0)).append(" ms");
            }
            for (String field : List.of("rss_mb_inventory", "rss_mb_order", "peak_rss_mb_inventory",
                    "peak_rss_mb_order")) {
                md.append(" | ").append(fmt(results.median(figure, field), 0)).append(" MB");
            }
            md.append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }

    private String afterLoadSection() {
        StringBuilder rows = new StringBuilder();
        for (Setup setup : settings.setups()) {
            if (results.get("after_load_" + setup.key()) instanceof Map<?, ?> state) {
                rows.append("| ").append(setup.label()).append(" | ").append(state.get("orders")).append(" | ")
                        .append(state.get("outbox_pending")).append(" | ").append(state.get("reservations_unconfirmed"))
                        .append(" | ").append(fmt(number(state.get("rss_mb_order")), 0)).append(" MB | ")
                        .append(fmt(number(state.get("rss_mb_inventory")), 0)).append(" MB |\n");
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        return "## After the load\n\n| setup | orders saved | outbox events not yet delivered | reservations not "
                + "confirmed | RSS order-service | RSS inventory-service |\n|---|---|---|---|---|---|\n" + rows + "\n";
    }

    private String machineSection() {
        StringBuilder md = new StringBuilder("## Machine\n\n| | |\n|---|---|\n");
        results.machine().forEach((key, value) -> md.append("| ").append(key.replace('_', ' ')).append(" | ")
                .append(String.valueOf(value).replace("\n", " ").replace("|", "\\|")).append(" |\n"));
        md.append("| settings | `").append(String.valueOf(results.get("settings")).replace("|", "\\|"))
                .append("` |\n\n");
        return md.toString();
    }

    private String everyRunSection() {
        StringBuilder md = new StringBuilder("## Every run\n\n");
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> runs = (Map<String, List<Map<String, Object>>>) results.asMap()
                .get("runs");
        for (Map.Entry<String, List<Map<String, Object>>> figure : runs.entrySet()) {
            List<Map<String, Object>> list = figure.getValue();
            if (list.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : list.getFirst().keySet()) {
                if (list.getFirst().get(field) instanceof Number) {
                    fields.add(field);
                }
            }
            md.append("**").append(figure.getKey()).append("**\n\n| run | ").append(String.join(" | ", fields))
                    .append(" |\n|---|").append("---|".repeat(fields.size())).append('\n');
            for (int i = 0; i < list.size(); i++) {
                md.append("| ").append(i + 1);
                for (String field : fields) {
                    md.append(" | ").append(fmt(number(list.get(i).get(field)), 2));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
