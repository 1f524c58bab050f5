package dev.reactivetracing.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The "figures and targets" table: each row a figure, its value, the target and whether it is met. */
public final class Targets {

    private final List<String[]> rows = new ArrayList<>();

    public void add(String figure, String value, String target, String met) {
        rows.add(new String[] { figure, value, target, met });
    }

    public void clear() {
        rows.clear();
    }

    public List<String[]> rows() {
        return rows;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("| figure | value | target | met |\n|---|---|---|---|\n");
        rows.forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return md.toString();
    }

    /** The lines printed at the end of the run. */
    public String summary() {
        StringBuilder text = new StringBuilder("Figure | value | target | met\n");
        rows.forEach(row -> text.append(String.join(" | ", row)).append('\n'));
        return text.toString();
    }
}
