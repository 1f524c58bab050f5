package dev.reactivetracing.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads pgbench's summary. */
public final class PgBenchOutput {

    private PgBenchOutput() {
    }

    public static Map<String, Object> parse(String output) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("tps", number(output, "tps = ([0-9.]+) \\(without initial connection time\\)"));
        values.put("transactions", number(output, "number of transactions actually processed: ([0-9]+)"));
        long failed = 0;
        Matcher failedMatcher = Pattern.compile("number of failed transactions: ([0-9]+)").matcher(output);
        if (failedMatcher.find()) {
            failed = Long.parseLong(failedMatcher.group(1));
        }
        values.put("failed", failed);
        values.put("latency_avg_ms", number(output, "latency average = ([0-9.]+) ms"));
        return values;
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench output without /" + regex + "/:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
