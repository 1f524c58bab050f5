package dev.reactivetracing.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every number the run produced: raw runs per figure, medians computed on demand. Written out as results.json. */
public final class Results {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();

    public Results() {
        root.put("machine", machine);
        root.put("runs", runs);
    }

    public synchronized void put(String key, Object value) {
        root.put(key, value);
    }

    public synchronized void machine(String key, Object value) {
        machine.put(key, value);
    }

    public Object get(String key) {
        return root.get(key);
    }

    public double number(String key) {
        return root.get(key) instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    public Map<String, Object> machine() {
        return machine;
    }

    public synchronized void addRun(String figure, Map<String, Object> run) {
        runs.computeIfAbsent(figure, ignored -> new ArrayList<>()).add(run);
    }

    public List<Map<String, Object>> runs(String figure) {
        return runs.getOrDefault(figure, List.of());
    }

    public boolean has(String figure) {
        return runs.containsKey(figure);
    }

    /** The median of one field over the runs of a figure (NaN if there are none). */
    public double median(String figure, String field) {
        return Stats.median(values(figure, field));
    }

    /** One field of every run of a figure, in run order (runs without it are skipped). */
    public List<Double> values(String figure, String field) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> run : runs(figure)) {
            if (run.get(field) instanceof Number number) {
                values.add(number.doubleValue());
            }
        }
        return values;
    }

    public Map<String, Object> asMap() {
        return root;
    }
}
