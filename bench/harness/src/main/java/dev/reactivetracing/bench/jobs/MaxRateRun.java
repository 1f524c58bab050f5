package dev.reactivetracing.bench.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.reactivetracing.bench.load.OrderShape;
import dev.reactivetracing.bench.load.Wrk;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.system.CodeCache;
import dev.reactivetracing.bench.system.Cpu;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.OutboxDrain;
import dev.reactivetracing.bench.system.ServicePair;

/**
 * One max-rate run on one pair (wrk, closed model); then the wait for the pair's outbox relay to deliver the run's
 * events; the CPU every process used from the run's start to that delivery, per order.
 */
final class MaxRateRun {

    private MaxRateRun() {
    }

    /**
     * --rewarm seconds at the max rate, unmeasured, then the outbox drained: while the other pairs are measured this
     * one idles, and its JVMs unload compiled code they have not run for a while; a measured run straight after would
     * pay to compile it again. Returns the compiled methods each service held before and after (jcmd).
     */
    static Map<String, Object> rewarm(RunContext context, ServicePair pair, OrderShape shape) {
        Infrastructure infrastructure = context.infrastructure();
        Settings settings = context.settings();
        Path log = infrastructure.logs().resolve("jcmd.log");
        CodeCache orderBefore = CodeCache.of(pair.order().pid(), log);
        CodeCache inventoryBefore = CodeCache.of(pair.inventory().pid(), log);
        Wrk.run(settings.root(), pair.order().baseUrl(), pair.customersFile(), settings.products(), shape,
                settings.connections(), settings.rewarmSeconds(), infrastructure.logs().resolve("wrk.log"));
        OutboxDrain.await(infrastructure, pair);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("compiled_methods_before_rewarm_order", orderBefore.methods());
        values.put("compiled_methods_before_rewarm_inventory", inventoryBefore.methods());
        values.put("compiled_methods_after_rewarm_order", CodeCache.of(pair.order().pid(), log).methods());
        values.put("compiled_methods_after_rewarm_inventory", CodeCache.of(pair.inventory().pid(), log).methods());
        return values;
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
        Cpu usedDuringRun = pair.cpu(infrastructure).minus(before);
        long ok = ((Number) wrk.get("ok")).longValue();
        OutboxDrain.Drained drained = OutboxDrain.await(infrastructure, pair);
        wrk.put("outbox_pending_at_end", drained.pendingAtEnd());
        wrk.put("outbox_drain_s", drained.seconds());
        // The CPU of an order is counted until its event is delivered and its spans exported: the outbox relay falls
        // behind at the max rate and delivers a varying part of the run's events after it (a drain of 14-27 s after
        // 15 s runs), so CPU counted during the run alone would move with that part, not with the cost of an order.
        Cpu used = pair.cpu(infrastructure).minus(before);
        wrk.putAll(used.perOrder(ok));
        double wrkCpuMs = 1000 * ((Number) wrk.get("wrk_cpu_s")).doubleValue() / Math.max(1, ok);
        wrk.put("cpu_ms_per_order_wrk", wrkCpuMs);
        double totalCpuMs = wrkCpuMs + used.total() * 1000 / Math.max(1, ok);
        wrk.put("cpu_ms_per_order_total", totalCpuMs);
        wrk.put("cpu_ms_per_order_total_during_run", wrkCpuMs + usedDuringRun.total() * 1000 / Math.max(1, ok));
        // What the machine could complete if these processes had every core to themselves.
        wrk.put("cpu_bound_capacity_per_s", Runtime.getRuntime().availableProcessors() * 1000 / totalCpuMs);
        wrk.put("spans_received_per_order", ok == 0 ? 0 : (infrastructure.spansOf(pair.key()) - spansBefore)
                / (double) ok);
        if (profile) {
            wrk.put("jfr", Profiler.stop(pair, settings.work().resolve("jfr"), settings.out(),
                    infrastructure.logs()));
        }
        return wrk;
    }
}
