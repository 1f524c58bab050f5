import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

/** Latency at a constant arrival rate (open model): bench/src/loadgen/OpenLoad.java (Hyperfoil) in its own JVM. */
final class OpenLoadRun {

    private OpenLoadRun() {
    }

    static Map<String, Object> run(Settings settings, Bench.Pair pair, double rate, Path logs) {
        Path target = settings.root().resolve("bench/target");
        Path out = settings.work().resolve("open-" + pair.label() + "-" + System.nanoTime() + ".json");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx512m", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", target.resolve("hyperfoil-lib") + "/*:" + target.resolve("loadgen-classes"),
                "OpenLoad", "--url", pair.order().baseUrl(), "--rate", Double.toString(rate),
                "--duration", Integer.toString(settings.latencySeconds()),
                "--warmup", Integer.toString(settings.smoke() ? 1 : 3),
                "--products", Integer.toString(settings.products()),
                "--customers", pair.customersFile().toString(), "--out", out.toString()));
        Processes.run(command, Map.of(), logs.resolve("hyperfoil.log"),
                Duration.ofSeconds(settings.latencySeconds() + 90L), false);
        try {
            Map<String, Object> values = Bench.JSON.readValue(Files.readString(out),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            @SuppressWarnings("unchecked")
            Map<String, Object> percentiles = (Map<String, Object>) values.get("percentiles_ms");
            values.put("p50_ms", percentiles.get("50"));
            values.put("p90_ms", percentiles.get("90"));
            values.put("p99_ms", percentiles.get("99"));
            values.put("p99_9_ms", percentiles.get("99.9"));
            values.put("max_ms", percentiles.get("100"));
            long requests = ((Number) values.get("requests")).longValue();
            long ok = ((Number) values.get("status_2xx")).longValue();
            values.put("total", requests);
            values.put("failed", requests - ok);
            return values;
        } catch (IOException failure) {
            throw new IllegalStateException("Hyperfoil wrote no readable result (see " + logs.resolve("hyperfoil.log")
                    + ")", failure);
        }
    }
}
