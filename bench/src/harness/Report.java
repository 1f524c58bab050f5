import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

/** results.md (tables, targets, machine, every run), results.json (everything, raw) and latency.png (gnuplot). */
final class Report {

    /** Percentiles drawn in the plot (100, the maximum, is left out: it does not fit a "nines" axis). */
    private static final List<String> PLOTTED = List.of("10", "20", "30", "40", "50", "60", "70", "75", "80", "85",
            "90", "92.5", "95", "96", "97", "97.5", "98", "98.5", "99", "99.25", "99.5", "99.75", "99.9", "99.95",
            "99.99");

    private final Settings settings;
    private final Results results;
    private final List<String[]> targets = new ArrayList<>();

    Report(Settings settings, Results results) {
        this.settings = settings;
        this.results = results;
    }

    void write() {
        Bench.createDirectories(settings.out());
        try {
            Files.writeString(settings.out().resolve("results.json"), Bench.JSON.copy()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results.asMap()) + "\n");
            boolean plotted = plot();
            Files.writeString(settings.out().resolve("results.md"), markdown(plotted));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The lines printed at the end of the run. */
    String summary() {
        StringBuilder text = new StringBuilder("Figure | value | target | met\n");
        for (String[] row : targets) {
            text.append(String.join(" | ", row)).append('\n');
        }
        return text.toString();
    }

    // ----------------------------------------------------------------------------------------------------------------

    private String markdown(boolean plotted) {
        double rSql = results.median("pgbench_request", "tps");
        double rSqlDelivery = results.median("pgbench_with_delivery", "tps");
        double off = results.median("max_rate_off", "ok_per_s");
        double rate = results.get("latency_rate_per_s") instanceof Number number ? number.doubleValue() : Double.NaN;
        Map<String, Object> machine = results.machine();

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: orders per second, latency and the cost of tracing\n\n");
        md.append("Written by `bin/bench").append(settings.smoke() ? " --smoke" : "").append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" in ").append(String.format(Locale.ROOT, "%.0f", number(results.get("elapsed_s")) / 60))
                .append(" min").append(settings.smoke() ? " (**smoke mode: durations far too short to mean anything;"
                        + " it only proves the harness works**)" : "")
                .append(". Every figure is the median of ").append(settings.runs()).append(" run")
                .append(settings.runs() == 1 ? "" : "s").append(" taken in this one invocation; how it is measured: ")
                .append("[bench/README.md](../README.md). Raw numbers: `results.json`, and every run below.\n\n");

        targets.clear();
        addTarget("R_sql: the order's SQL run by pgbench (request path)", fmt(rSql, 0) + " orders/s", "the ceiling",
                "");
        addTarget("R_sql with the outbox delivery's SQL too", fmt(rSqlDelivery, 0) + " orders/s", "(for reference)",
                "");
        addTarget("max orders/s, tracing off", fmt(off, 0) + " = " + fmt(off / rSql, 2) + " × R_sql",
                "≥ 0.65 × R_sql", met(off / rSql >= 0.65));
        for (Settings.Mode mode : settings.modes()) {
            if (mode == Settings.Mode.OFF) {
                continue;
            }
            double value = results.median("max_rate_" + mode.key, "ok_per_s");
            double target = mode == Settings.Mode.FULL ? 0.93 : 0.98;
            addTarget("max orders/s, " + mode.label + " (exported)", fmt(value, 0) + " = " + fmt(value / off, 3)
                    + " × off", "≥ " + target + " × off", met(value / off >= target));
        }
        for (Settings.Setup variant : settings.variants()) {
            double value = results.median("max_rate_" + variant.key, "ok_per_s");
            double shipped = results.median("max_rate_" + variant.mode.key, "ok_per_s");
            double capacity = results.median("max_rate_" + variant.key, "cpu_bound_capacity_per_s")
                    / results.median("max_rate_" + variant.mode.key, "cpu_bound_capacity_per_s");
            addTarget("max orders/s, variant " + variant.label, fmt(value, 0) + " = " + fmt(value / shipped, 3)
                    + " × " + variant.mode.label + " as shipped (capacity " + fmt(capacity, 3) + " ×)",
                    "(a proposed change)", "");
        }
        double offCapacity = results.median("max_rate_off", "cpu_bound_capacity_per_s");
        double sqlCapacity = results.median("pgbench_request", "cpu_bound_capacity_per_s");
        addTarget("the same ratios by CPU-bound capacity (cores / CPU per order; see below)", "off " + fmt(offCapacity
                / sqlCapacity, 2) + " × R_sql" + settings.modes().stream().filter(mode -> mode != Settings.Mode.OFF)
                        .map(mode -> "; " + mode.key + " " + fmt(results.median("max_rate_" + mode.key,
                                "cpu_bound_capacity_per_s") / offCapacity, 3) + " × off")
                        .reduce("", String::concat), "(evidence, not the target)", "");
        for (Settings.Setup mode : settings.setups()) {
            double p50 = results.median("latency_" + mode.key, "p50_ms");
            double p99 = results.median("latency_" + mode.key, "p99_ms");
            addTarget("p50 / p99 at " + fmt(rate, 0) + " orders/s (constant rate), " + mode.label,
                    fmt(p50, 2) + " / " + fmt(p99, 2) + " ms", "p99 ≤ 20 ms", met(p99 <= 20));
        }
        for (String configuration : List.of("as_shipped", "proposed")) {
            if (!results.has("fresh_" + configuration)) {
                continue;
            }
            String label = configuration.equals("as_shipped") ? "as shipped" : "proposed JVM options";
            for (String service : List.of("inventory", "order")) {
                double first = results.median("fresh_" + configuration, "start_to_first_order_ms_" + service);
                addTarget("start to first order, " + service + "-service (" + label + ")", fmt(first, 0) + " ms",
                        "≤ 1000 ms", met(first <= 1000));
            }
            for (String service : List.of("inventory", "order")) {
                double rss = results.median("fresh_" + configuration, "rss_mb_" + service);
                addTarget("RSS after " + settings.ordersForRss() + " orders, " + service + "-service (" + label + ")",
                        fmt(rss, 0) + " MB", "≤ 150 MB", met(rss <= 150));
            }
        }
        md.append("## Figures and targets\n\n| figure | median | target | met |\n|---|---|---|---|\n");
        for (String[] row : targets) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (results.get("proposed_jvm_options") != null) {
            md.append("\nProposed JVM options: `").append(results.get("proposed_jvm_options")).append("`.");
        }
        md.append("\nAnalysis of the misses, profiles and proposed service changes: [analysis.md](analysis.md) ")
                .append("(written by hand from these numbers and the JFR profiles).\n\n");

        md.append("## Where the CPU goes, per order (max-rate runs, medians)\n\n");
        md.append("CPU time each process used during the max-rate runs, divided by the orders completed (from /proc, ")
                .append("and bash's `times` for wrk and pgbench). The receiver is the harness JVM, which decodes every ")
                .append("OTLP export. *Capacity* is what the machine's ").append(machine.get("cores"))
                .append(" cores could complete if these processes had them to themselves (cores / CPU per order): ")
                .append("unlike orders/s it does not depend on what else runs on the machine. The outbox relay ")
                .append("delivers each order's event after the order is answered; the events it had not delivered ")
                .append("when wrk stopped are shown, and the next run starts only once they are (so that no pair's ")
                .append("relay works while another pair is measured).\n\n");
        md.append("| mode | orders/s | wrk p99 | order-service | inventory-service | PostgreSQL | OTLP receiver | "
                + "load generator | total | capacity | spans per order | outbox events left at the end | drained in "
                + "|\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Settings.Setup mode : settings.setups()) {
            String figure = "max_rate_" + mode.key;
            md.append("| ").append(mode.label).append(" | ").append(fmt(results.median(figure, "ok_per_s"), 0))
                    .append(" | ").append(fmt(results.median(figure, "p99_ms"), 1)).append(" ms");
            for (String field : List.of("order", "inventory", "postgres", "receiver", "wrk", "total")) {
                md.append(" | ").append(fmt(results.median(figure, "cpu_ms_per_order_" + field), 2)).append(" ms");
            }
            md.append(" | ").append(fmt(results.median(figure, "cpu_bound_capacity_per_s"), 0)).append("/s | ")
                    .append(fmt(results.median(figure, "spans_received_per_order"), 1)).append(" | ")
                    .append(fmt(results.median(figure, "outbox_pending_at_end"), 0)).append(" | ")
                    .append(fmt(results.median(figure, "outbox_drain_s"), 1)).append(" s |\n");
        }
        md.append("| pgbench (R_sql) | ").append(fmt(rSql, 0)).append(" | | | | ")
                .append(fmt(results.median("pgbench_request", "postgres_cpu_ms_per_tx"), 2)).append(" ms | | ")
                .append(fmt(results.median("pgbench_request", "pgbench_cpu_ms_per_tx"), 2)).append(" ms | ")
                .append(fmt(results.median("pgbench_request", "cpu_ms_per_tx_total"), 2)).append(" ms | ")
                .append(fmt(results.median("pgbench_request", "cpu_bound_capacity_per_s"), 0)).append("/s | | | |\n\n");

        md.append("## Latency at a constant arrival rate\n\n");
        md.append(String.format(Locale.ROOT, "Open model (Hyperfoil `constantRate`): %s new orders per second, %s of "
                + "the tracing-off max rate, for every mode, so that the curves compare the same offered load.%s\n\n",
                fmt(rate, 0), Math.round(settings.latencyLoad() * 100) + " %",
                plotted ? "\n\n![latency percentiles](latency.png)" : " (gnuplot missing: no plot)"));
        md.append("| mode | p50 | p90 | p99 | p99.9 | max | achieved/s | failed |\n|---|---|---|---|---|---|---|---|\n");
        for (Settings.Setup mode : settings.setups()) {
            String figure = "latency_" + mode.key;
            md.append("| ").append(mode.label);
            for (String field : List.of("p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms")) {
                md.append(" | ").append(fmt(results.median(figure, field), 2)).append(" ms");
            }
            md.append(" | ").append(fmt(results.median(figure, "achieved_rate"), 0)).append(" | ")
                    .append(fmt(sum(results.values(figure, "failed")), 0)).append(" |\n");
        }

        md.append("\n## Start to first order and RSS: as shipped vs proposed JVM options\n\n");
        md.append("Fresh processes against an already migrated database, prod profile, 10 % sampling exported. Start: ")
                .append("from just before the JVM process is started to the first 201 for real work (a reservation for ")
                .append("inventory-service, an order for order-service, with inventory-service already up). RSS: ")
                .append("VmRSS after ").append(settings.ordersForRss()).append(" orders (16 concurrent clients).\n\n");
        md.append("| configuration | start→first order inventory | order | Quarkus \"started in\" inventory | order | "
                + "RSS inventory | RSS order | peak RSS inventory | order |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String configuration : List.of("as_shipped", "proposed")) {
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

        md.append("\n## After the load\n\n| mode | orders saved | outbox events not yet delivered | reservations "
                + "not confirmed | RSS order-service | RSS inventory-service |\n|---|---|---|---|---|---|\n");
        for (Settings.Setup mode : settings.setups()) {
            if (results.get("after_load_" + mode.key) instanceof Map<?, ?> state) {
                md.append("| ").append(mode.label).append(" | ").append(state.get("orders")).append(" | ")
                        .append(state.get("outbox_pending")).append(" | ").append(state.get("reservations_unconfirmed"))
                        .append(" | ").append(fmt(number(state.get("rss_mb_order")), 0)).append(" MB | ")
                        .append(fmt(number(state.get("rss_mb_inventory")), 0)).append(" MB |\n");
            }
        }

        md.append("\n## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((key, value) -> md.append("| ").append(key.replace('_', ' ')).append(" | ")
                .append(String.valueOf(value).replace("\n", " ").replace("|", "\\|")).append(" |\n"));
        md.append("| settings | `").append(String.valueOf(results.get("settings"))).append("` |\n");

        md.append("\n## Every run\n\n");
        List<String> figures = new ArrayList<>(List.of("pgbench_request", "pgbench_with_delivery"));
        settings.setups().forEach(mode -> figures.add("max_rate_" + mode.key));
        settings.setups().forEach(mode -> figures.add("latency_" + mode.key));
        figures.addAll(List.of("fresh_as_shipped", "fresh_proposed"));
        for (String figure : figures) {
            List<Map<String, Object>> runs = results.runs(figure);
            if (runs.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : runs.getFirst().keySet()) {
                if (runs.getFirst().get(field) instanceof Number) {
                    fields.add(field);
                }
            }
            md.append("**").append(figure).append("**\n\n| run | ").append(String.join(" | ", fields))
                    .append(" |\n|---|").append("---|".repeat(fields.size())).append('\n');
            for (int i = 0; i < runs.size(); i++) {
                md.append("| ").append(i + 1);
                for (String field : fields) {
                    md.append(" | ").append(fmt(number(runs.get(i).get(field)), 2));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private void addTarget(String figure, String value, String target, String met) {
        targets.add(new String[] { figure, value, target, met });
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** latency.dat (percentile, one column per mode, medians over the runs) and latency.png through gnuplot. */
    private boolean plot() throws IOException {
        StringBuilder data = new StringBuilder("# percentile x=1/(1-p) " + String.join(" ",
                settings.setups().stream().map(mode -> mode.key + "_ms").toList()) + "\n");
        for (String percentile : PLOTTED) {
            double p = Double.parseDouble(percentile);
            data.append(percentile).append(' ').append(fmt(1 / (1 - p / 100), 4));
            for (Settings.Setup mode : settings.setups()) {
                List<Double> values = new ArrayList<>();
                for (Map<String, Object> run : results.runs("latency_" + mode.key)) {
                    if (run.get("percentiles_ms") instanceof Map<?, ?> percentiles
                            && percentiles.get(percentile) instanceof Number number) {
                        values.add(number.doubleValue());
                    }
                }
                data.append(' ').append(fmt(Results.median(values), 3));
            }
            data.append('\n');
        }
        Path dat = settings.out().resolve("latency.dat");
        Files.writeString(dat, data);
        double rate = results.get("latency_rate_per_s") instanceof Number number ? number.doubleValue() : 0;
        StringBuilder script = new StringBuilder();
        script.append("set terminal pngcairo size 960,600 font 'sans,10' noenhanced\n")
                .append("set output '").append(settings.out().resolve("latency.png")).append("'\n")
                .append("set title 'POST /api/orders latency at ").append(fmt(rate, 0))
                .append(" orders/s, constant arrival rate (Hyperfoil), median of ").append(settings.runs())
                .append(" run(s)'\n")
                .append("set logscale x\nset logscale y\nset grid xtics ytics mytics\n")
                .append("set xlabel 'percentile'\nset ylabel 'latency (ms)'\nset key top left\n")
                .append("set xtics ('10%%' 1.111, '50%%' 2, '90%%' 10, '99%%' 100, '99.9%%' 1000, '99.99%%' 10000)\n")
                .append("set xrange [1.1:12000]\n")
                .append("plot");
        int column = 3;
        List<String> plots = new ArrayList<>();
        for (Settings.Setup mode : settings.setups()) {
            String title = mode.isVariant() ? mode.key + " (" + mode.mode.label + " + changes)"
                    : mode.mode == Settings.Mode.OFF ? "tracing off" : mode.mode == Settings.Mode.FULL
                            ? "tracing on, 100 % sampling" : "tracing on, 10 % sampling";
            plots.add(String.format(Locale.ROOT, " '%s' using 2:%d with linespoints lw 2 title '%s'", dat, column++,
                    title));
        }
        script.append(String.join(",", plots)).append('\n');
        // latency.gp beside the results names its files relatively (cd there and run gnuplot to redraw); the copy run
        // now names them absolutely.
        Files.writeString(settings.out().resolve("latency.gp"),
                script.toString().replace(settings.out().toString() + "/", ""));
        Path runnable = settings.work().resolve("latency.gp");
        Files.writeString(runnable, script.toString());
        try {
            Processes.run(List.of("gnuplot", runnable.toString()), Map.of(),
                    settings.work().resolve("logs/gnuplot.log"), Duration.ofSeconds(60), false);
            return Files.isRegularFile(settings.out().resolve("latency.png"));
        } catch (RuntimeException failure) {
            System.err.println("bench: gnuplot failed: " + failure.getMessage());
            return false;
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    static String fmt(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
