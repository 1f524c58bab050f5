package dev.reactivetracing.bench.report;

import static dev.reactivetracing.bench.report.Format.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.Setup;
import dev.reactivetracing.tooling.process.ExternalCommand;

/** latency.dat (percentile, one column per setup, medians over the runs) and latency.png through gnuplot. */
final class Plot {

    /** Percentiles drawn (100, the maximum, is left out: it does not fit a "nines" axis). */
    private static final List<String> PLOTTED = List.of("10", "20", "30", "40", "50", "60", "70", "75", "80", "85",
            "90", "92.5", "95", "96", "97", "97.5", "98", "98.5", "99", "99.25", "99.5", "99.75", "99.9", "99.95",
            "99.99");

    private Plot() {
    }

    /** Whether latency.png was drawn. */
    static boolean draw(Settings settings, Results results) throws IOException {
        List<Setup> setups = settings.setups().stream().filter(Setup::measuresLatency)
                .filter(setup -> results.has("latency_" + setup.key())).toList();
        if (setups.isEmpty()) {
            return false;
        }
        StringBuilder data = new StringBuilder("# percentile x=1/(1-p) " + String.join(" ",
                setups.stream().map(setup -> setup.key() + "_ms").toList()) + "\n");
        for (String percentile : PLOTTED) {
            double p = Double.parseDouble(percentile);
            data.append(percentile).append(' ').append(fmt(1 / (1 - p / 100), 4));
            for (Setup setup : setups) {
                List<Double> values = new ArrayList<>();
                for (Map<String, Object> run : results.runs("latency_" + setup.key())) {
                    if (run.get("percentiles_ms") instanceof Map<?, ?> percentiles
                            && percentiles.get(percentile) instanceof Number number) {
                        values.add(number.doubleValue());
                    }
                }
                data.append(' ').append(fmt(Stats.median(values), 3));
            }
            data.append('\n');
        }
        Path dat = settings.out().resolve("latency.dat");
        Files.writeString(dat, data);
        StringBuilder script = new StringBuilder();
        script.append("set terminal pngcairo size 960,600 font 'sans,10' noenhanced\n")
                .append("set output '").append(settings.out().resolve("latency.png")).append("'\n")
                .append("set title 'POST /api/orders latency at ").append(fmt(results.number("latency_rate_per_s"), 0))
                .append(" orders/s, constant arrival rate (Hyperfoil), median of ").append(settings.minRounds())
                .append(" run(s)'\n")
                .append("set logscale x\nset logscale y\nset grid xtics ytics mytics\n")
                .append("set xlabel 'percentile'\nset ylabel 'latency (ms)'\nset key top left\n")
                .append("set xtics ('10%%' 1.111, '50%%' 2, '90%%' 10, '99%%' 100, '99.9%%' 1000, '99.99%%' 10000)\n")
                .append("set xrange [1.1:12000]\n")
                .append("plot");
        int column = 3;
        List<String> plots = new ArrayList<>();
        for (Setup setup : setups) {
            String title = setup.isVariant() ? setup.key() + " (" + setup.mode().label + " + changes)"
                    : setup.mode() == Mode.OFF ? "tracing off" : "tracing on, " + setup.mode().label;
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
            ExternalCommand.run(List.of("gnuplot", runnable.toString()), Map.of(),
                    settings.work().resolve("logs/gnuplot.log"), Duration.ofSeconds(60), false);
            return Files.isRegularFile(settings.out().resolve("latency.png"));
        } catch (RuntimeException failure) {
            System.err.println("bench: gnuplot failed: " + failure.getMessage());
            return false;
        }
    }
}
