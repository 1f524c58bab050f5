package dev.reactivetracing.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.reactivetracing.bench.support.HttpJson;
import dev.reactivetracing.tooling.process.ExternalCommand;

/**
 * Max rate, closed model: wrk keeps a fixed number of connections busy, each sending the next order as soon as the
 * last is answered; what the services then complete per second is their max rate. bench/wrk/order.lua makes the
 * orders and prints one JSON line of results.
 */
public final class Wrk {

    private static final String RESULT_PREFIX = "BENCH-RESULT ";

    private Wrk() {
    }

    public static Map<String, Object> run(Path root, String orderUrl, Path customersFile, int products,
            OrderShape shape, int connections, int seconds, Path log) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", root.resolve("bench/wrk/order.lua").toString(),
                orderUrl.replace("localhost", "127.0.0.1") + "/api/orders", "--",
                customersFile.toString(), Integer.toString(products), Integer.toString(shape.items())));
        if (shape.isHot()) {
            command.add(shape.hotProduct());
        }
        ExternalCommand.Result result = ExternalCommand.runTimed(command, Map.of(), log,
                Duration.ofSeconds(seconds + 60L), false);
        return parse(result.output(), result.cpuSeconds());
    }

    /** wrk's result line, with what the report needs: orders/s (201s only), failures, wrk's own CPU. */
    static Map<String, Object> parse(String output, double wrkCpuSeconds) {
        String line = output.lines().filter(text -> text.startsWith(RESULT_PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result:\n" + output));
        Map<String, Object> raw;
        try {
            raw = HttpJson.JSON.readValue(line.substring(RESULT_PREFIX.length()),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
        } catch (IOException failure) {
            throw new IllegalStateException("Unreadable wrk result: " + line, failure);
        }
        long requests = number(raw, "requests");
        long non2xx = number(raw, "non_2xx_3xx");
        long socketErrors = number(raw, "connect_errors") + number(raw, "read_errors") + number(raw, "write_errors")
                + number(raw, "timeouts");
        double duration = ((Number) raw.get("duration_us")).doubleValue() / 1e6;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ok_per_s", (requests - non2xx) / duration);
        values.put("ok", requests - non2xx);
        values.put("failed", non2xx + socketErrors);
        values.put("total", requests + socketErrors);
        values.put("wrk_cpu_s", wrkCpuSeconds);
        values.putAll(raw);
        return values;
    }

    private static long number(Map<String, Object> raw, String field) {
        return ((Number) raw.get(field)).longValue();
    }
}
