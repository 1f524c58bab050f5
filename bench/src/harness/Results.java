import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every number the run produced: raw runs per figure, medians computed on demand. Written out as results.json. */
final class Results {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();

    Results() {
        root.put("machine", machine);
        root.put("runs", runs);
    }

    void put(String key, Object value) {
        if (key.equals("machine") && value instanceof Map<?, ?> map) {
            map.forEach((name, item) -> machine.put((String) name, item));
            return;
        }
        root.put(key, value);
    }

    void machine(String key, Object value) {
        machine.put(key, value);
    }

    void machineEnd(String loadAverage) {
        machine.put("load_average_end", loadAverage);
    }

    Object get(String key) {
        return root.get(key);
    }

    Map<String, Object> machine() {
        return machine;
    }

    synchronized void addRun(String figure, Map<String, Object> run) {
        runs.computeIfAbsent(figure, ignored -> new ArrayList<>()).add(run);
    }

    List<Map<String, Object>> runs(String figure) {
        return runs.getOrDefault(figure, List.of());
    }

    boolean has(String figure) {
        return runs.containsKey(figure);
    }

    /** The median of one field over the runs of a figure (NaN if there are none). */
    double median(String figure, String field) {
        return median(values(figure, field));
    }

    List<Double> values(String figure, String field) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> run : runs(figure)) {
            Object value = run.get(field);
            if (value instanceof Number number) {
                values.add(number.doubleValue());
            }
        }
        return values;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    Map<String, Object> asMap() {
        return root;
    }
}
