import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

/** Max rate, closed model: wrk keeps a fixed number of connections busy, each sending the next order as soon as the
 * last is answered; what the services then complete per second is their max rate. */
final class Wrk {

    private Wrk() {
    }

    static Map<String, Object> run(Settings settings, Bench.Pair pair, int seconds, Path logs) {
        List<String> command = List.of("wrk", "-t1", "-c" + settings.connections(), "-d" + seconds + "s",
                "--timeout", "10s", "-s", settings.root().resolve("bench/wrk/order.lua").toString(),
                pair.order().baseUrl().replace("localhost", "127.0.0.1") + "/api/orders", "--",
                pair.customersFile().toString(), Integer.toString(settings.products()));
        Processes.Result result = Processes.runTimed(command, Map.of(), logs.resolve("wrk.log"),
                Duration.ofSeconds(seconds + 60L), false);
        String line = result.output().lines().filter(text -> text.startsWith("BENCH-RESULT "))
                .findFirst().orElseThrow(() -> new IllegalStateException("wrk printed no result:\n"
                        + result.output()));
        try {
            Map<String, Object> raw = Bench.JSON.readValue(line.substring("BENCH-RESULT ".length()),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            long requests = ((Number) raw.get("requests")).longValue();
            long non2xx = ((Number) raw.get("non_2xx_3xx")).longValue();
            long socketErrors = ((Number) raw.get("connect_errors")).longValue()
                    + ((Number) raw.get("read_errors")).longValue() + ((Number) raw.get("write_errors")).longValue()
                    + ((Number) raw.get("timeouts")).longValue();
            double duration = ((Number) raw.get("duration_us")).doubleValue() / 1e6;
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("ok_per_s", (requests - non2xx) / duration);
            values.put("ok", requests - non2xx);
            values.put("failed", non2xx + socketErrors);
            values.put("total", requests + socketErrors);
            values.put("wrk_cpu_s", result.cpuSeconds());
            values.putAll(raw);
            return values;
        } catch (java.io.IOException failure) {
            throw new IllegalStateException("Unreadable wrk result: " + line, failure);
        }
    }
}
