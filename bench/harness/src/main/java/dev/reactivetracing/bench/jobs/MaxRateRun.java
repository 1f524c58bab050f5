package dev.reactivetracing.bench.jobs;

import java.util.Map;

import dev.reactivetracing.bench.load.OrderShape;
import dev.reactivetracing.bench.load.Wrk;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.system.Cpu;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.OutboxDrain;
import dev.reactivetracing.bench.system.ServicePair;

/**
 * One max-rate run on one pair (wrk, closed model) with the CPU every process used during it, per order; then the wait
 * for the pair's outbox relay to deliver the run's events.
 */
final class MaxRateRun {

    private MaxRateRun() {
    }

    static Map<String, Object> run(RunContext context, ServicePair pair, OrderShape shape, int seconds,
            boolean profile) {
        Infrastructure infrastructure = context.infrastructure();
        Settings settings = context.settings();
        if (profile) {
            Profiler.start(pair, settings.work().resolve("jfr"), infrastructure.logs());
        }
        Cpu before = pair.cpu(infrastructure);
        long spansBefore = infrastructure.spansOf(pair.key());
        Map<String, Object> wrk = Wrk.run(settings.root(), pair.order().baseUrl(), pair.customersFile(),
                settings.products(), shape, settings.connections(), seconds,
                infrastructure.logs().resolve("wrk.log"));
        Cpu used = pair.cpu(infrastructure).minus(before);
        long ok = ((Number) wrk.get("ok")).longValue();
        wrk.putAll(used.perOrder(ok));
        double wrkCpuMs = 1000 * ((Number) wrk.get("wrk_cpu_s")).doubleValue() / Math.max(1, ok);
        wrk.put("cpu_ms_per_order_wrk", wrkCpuMs);
        double totalCpuMs = wrkCpuMs + used.total() * 1000 / Math.max(1, ok);
        wrk.put("cpu_ms_per_order_total", totalCpuMs);
        // What the machine could complete if these processes had every core to themselves.
        wrk.put("cpu_bound_capacity_per_s", Runtime.getRuntime().availableProcessors() * 1000 / totalCpuMs);
        wrk.put("spans_received_per_order", ok == 0 ? 0 : (infrastructure.spansOf(pair.key()) - spansBefore)
                / (double) ok);
        if (profile) {
            wrk.put("jfr", Profiler.stop(pair, settings.work().resolve("jfr"), settings.out(),
                    infrastructure.logs()));
        }
        OutboxDrain.Drained drained = OutboxDrain.await(infrastructure, pair);
        wrk.put("outbox_pending_at_end", drained.pendingAtEnd());
        wrk.put("outbox_drain_s", drained.seconds());
        return wrk;
    }
}
