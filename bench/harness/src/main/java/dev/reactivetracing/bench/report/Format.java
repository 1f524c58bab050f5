package dev.reactivetracing.bench.report;

import java.util.Locale;

/** Numbers as the report prints them: fixed decimals, "–" for what was not measured. */
public final class Format {

    private Format() {
    }

    public static String fmt(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    public static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    public static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
