package dev.reactivetracing.bench.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.reactivetracing.bench.support.JdkTools;
import dev.reactivetracing.tooling.process.ProcStats;

/**
 * What a request's time is made of besides running: the time the threads of each process serving orders spent ready
 * to run but waiting in the scheduler's run queue for a CPU (Linux schedstat, every thread), and the time each service
 * JVM was stopped for garbage collection (the JVM's own counters, read with jstat). Read before and after a
 * constant-rate run, the difference says how much of a latency tail is waiting for a CPU and how much is GC.
 *
 * @param orderRunQueue seconds order-service's threads waited for a CPU (so far)
 * @param inventoryRunQueue the same for inventory-service
 * @param postgresRunQueue the same for PostgreSQL's processes (postmaster and backends)
 */
public record WaitTimes(double orderRunQueue, double inventoryRunQueue, double postgresRunQueue, Gc orderGc,
        Gc inventoryGc) {

    /** Garbage collections of one JVM so far and the time they stopped it (young and full; not concurrent work). */
    public record Gc(long collections, double pauseSeconds) {

        static final Gc UNKNOWN = new Gc(-1, -1);

        Gc minus(Gc before) {
            if (collections < 0 || before.collections < 0) {
                return UNKNOWN;
            }
            return new Gc(collections - before.collections, pauseSeconds - before.pauseSeconds);
        }
    }

    /** The figures so far of the pair's two JVMs and of PostgreSQL. */
    public static WaitTimes of(ServicePair pair, Infrastructure infrastructure) {
        return new WaitTimes(ProcStats.runQueueSeconds(pair.order().pid()),
                ProcStats.runQueueSeconds(pair.inventory().pid()),
                infrastructure.postgresProcesses().mapToDouble(ProcStats::runQueueSeconds).sum(),
                gc(pair.order().pid()), gc(pair.inventory().pid()));
    }

    public WaitTimes minus(WaitTimes before) {
        return new WaitTimes(orderRunQueue - before.orderRunQueue, inventoryRunQueue - before.inventoryRunQueue,
                postgresRunQueue - before.postgresRunQueue, orderGc.minus(before.orderGc),
                inventoryGc.minus(before.inventoryGc));
    }

    /** Per order (ms) and, for GC, per run: collections, pause time, mean pause and the share of the run stopped. */
    public Map<String, Object> perOrder(long orders, double runSeconds) {
        Map<String, Object> values = new LinkedHashMap<>();
        double n = Math.max(1, orders);
        values.put("run_queue_ms_per_order_order", 1000 * orderRunQueue / n);
        values.put("run_queue_ms_per_order_inventory", 1000 * inventoryRunQueue / n);
        values.put("run_queue_ms_per_order_postgres", 1000 * postgresRunQueue / n);
        putGc(values, "order", orderGc, runSeconds);
        putGc(values, "inventory", inventoryGc, runSeconds);
        return values;
    }

    private static void putGc(Map<String, Object> values, String service, Gc gc, double runSeconds) {
        if (gc.collections() < 0) {
            return; // jstat could not read the JVM: no figure rather than a wrong one
        }
        values.put("gc_collections_" + service, gc.collections());
        values.put("gc_pause_ms_" + service, 1000 * gc.pauseSeconds());
        values.put("gc_mean_pause_ms_" + service,
                gc.collections() == 0 ? 0.0 : 1000 * gc.pauseSeconds() / gc.collections());
        values.put("gc_stopped_share_" + service, runSeconds <= 0 ? 0.0 : gc.pauseSeconds() / runSeconds);
    }

    /** {@code jstat -gc PID}: the JVM's GC counters; {@link Gc#UNKNOWN} if they cannot be read. */
    static Gc gc(long pid) {
        try {
            Process process = new ProcessBuilder(JdkTools.path("jstat"), "-gc", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Gc.UNKNOWN;
            }
            return parseJstatGc(output);
        } catch (IOException | RuntimeException unreadable) {
            return Gc.UNKNOWN;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Gc.UNKNOWN;
        }
    }

    /**
     * The header and value lines of {@code jstat -gc}: young (YGC, YGCT) and full (FGC, FGCT) collections stop the
     * JVM; concurrent cycles (CGC, CGCT, G1 and ZGC) mostly run beside it and are left out.
     */
    static Gc parseJstatGc(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2) {
            return Gc.UNKNOWN;
        }
        String[] names = lines.get(0).trim().split("\\s+");
        String[] values = lines.get(1).trim().split("\\s+");
        Map<String, String> byName = new HashMap<>();
        for (int index = 0; index < Math.min(names.length, values.length); index++) {
            byName.put(names[index], values[index]);
        }
        try {
            long collections = Long.parseLong(byName.get("YGC")) + Long.parseLong(byName.get("FGC"));
            double seconds = Double.parseDouble(byName.get("YGCT")) + Double.parseDouble(byName.get("FGCT"));
            return new Gc(collections, seconds);
        } catch (RuntimeException notTheFormat) {
            return Gc.UNKNOWN;
        }
    }
}
