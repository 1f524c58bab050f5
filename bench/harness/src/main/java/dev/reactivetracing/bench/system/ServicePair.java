package dev.reactivetracing.bench.system;

import java.nio.file.Path;
import java.util.List;

import dev.reactivetracing.bench.settings.Setup;
import dev.reactivetracing.tooling.process.ProcStats;
import dev.reactivetracing.tooling.process.ServiceProcess;

/** One inventory-service + order-service pair, its two databases and its customers (one id a line). */
public record ServicePair(Setup setup, String name, ServiceProcess inventory, ServiceProcess order,
        String inventoryDb, String orderDb, Path customersFile) {

    public String key() {
        return setup.key();
    }

    public List<ServiceProcess> services() {
        return List.of(order, inventory);
    }

    /** CPU used so far by each process that serves this pair's orders (PostgreSQL as a whole, this JVM). */
    public Cpu cpu(Infrastructure infrastructure) {
        return new Cpu(order.cpuSeconds(), inventory.cpuSeconds(), infrastructure.postgresCpuSeconds(),
                ProcStats.cpuSeconds(ProcessHandle.current()));
    }
}
