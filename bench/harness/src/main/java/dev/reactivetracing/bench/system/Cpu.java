package dev.reactivetracing.bench.system;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU seconds of each process serving orders; this JVM is the OTLP receiver (it decodes every export). */
public record Cpu(double order, double inventory, double postgres, double receiver) {

    public double total() {
        return order + inventory + postgres + receiver;
    }

    public Cpu minus(Cpu before) {
        return new Cpu(order - before.order, inventory - before.inventory, postgres - before.postgres,
                receiver - before.receiver);
    }

    /** Milliseconds per order of each process. */
    public Map<String, Object> perOrder(long orders) {
        Map<String, Object> values = new LinkedHashMap<>();
        double n = Math.max(1, orders);
        values.put("cpu_ms_per_order_order", 1000 * order / n);
        values.put("cpu_ms_per_order_inventory", 1000 * inventory / n);
        values.put("cpu_ms_per_order_postgres", 1000 * postgres / n);
        values.put("cpu_ms_per_order_receiver", 1000 * receiver / n);
        return values;
    }
}
