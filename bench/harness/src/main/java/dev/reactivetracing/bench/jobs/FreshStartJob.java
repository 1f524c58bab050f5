package dev.reactivetracing.bench.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.bench.load.Catalog;
import dev.reactivetracing.bench.load.FirstSuccess;
import dev.reactivetracing.bench.load.FixedOrders;
import dev.reactivetracing.bench.report.Results;
import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.bench.support.Tasks;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.ServicePairs;
import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.process.ProcStats;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * Start to first order, and RSS after N orders, of fresh processes against an already migrated database: as shipped
 * (the JVM images' options), and the same with a JDK 25 AOT cache (JEP 483 ahead-of-time class loading and linking,
 * recorded in one step with -XX:AOTCacheOutput, JEP 514) recorded by an unmeasured training run.
 */
public final class FreshStartJob {

    private static final String AS_SHIPPED = "as_shipped";
    private static final String AS_SHIPPED_AOT = "as_shipped_aot";

    private final RunContext context;
    private final Settings settings;
    private final Results results;
    private final Infrastructure infrastructure;

    /** JVM options per service, and environment on top of the usual. */
    private record JvmOptions(List<String> inventory, List<String> order) {
    }

    private record FreshPair(ServiceProcess inventory, ServiceProcess order, double inventoryFirstMs,
            double orderFirstMs) {
    }

    public FreshStartJob(RunContext context) {
        this.context = context;
        this.settings = context.settings();
        this.results = context.results();
        this.infrastructure = context.infrastructure();
    }

    public void run() {
        String inventoryDb = infrastructure.postgres().createDatabase("inventory_fresh");
        String orderDb = infrastructure.postgres().createDatabase("orders_fresh");
        Path aot = Directories.create(settings.work().resolve("aot"));
        List<String> shipped = settings.serviceJvmOptions();

        // Unmeasured: migrates the databases, loads the catalog, and is the training run that records the AOT cache.
        // The one-step AOT cache (-XX:AOTCacheOutput) exists since JDK 25; older JDKs train nothing.
        boolean aotAvailable = Runtime.version().feature() >= 25;
        // Without the method profiles of JEP 515 unless asked: recording them crashed Temurin 25.0.3 at the dump
        // (MethodTrainingData::cleanup, SIGSEGV); classes loaded and linked ahead of time are what start-up needs.
        List<String> training = settings.aotProfiles() ? List.of()
                : List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");
        Console.step("Training run (migrations, catalog, AOT cache recording; " + settings.trainingOrders()
                + " orders)");
        Path customers = settings.work().resolve("customers-fresh.txt");
        FreshPair trainingPair = start(inventoryDb, orderDb, aotAvailable
                ? new JvmOptions(concat(shipped, training, "-XX:AOTCacheOutput=" + aot.resolve("inventory.aot")),
                        concat(shipped, training, "-XX:AOTCacheOutput=" + aot.resolve("order.aot")))
                : new JvmOptions(shipped, shipped), "training", customers, true);
        FixedOrders.place(infrastructure.http(), trainingPair.order().baseUrl(), customers, settings.products(),
                settings.trainingOrders(), 8);
        ServicePairs.stopServices(List.of(trainingPair.order(), trainingPair.inventory()));
        boolean aotRecorded = Files.isRegularFile(aot.resolve("inventory.aot"))
                && Files.isRegularFile(aot.resolve("order.aot"));
        System.out.println(aotRecorded ? "AOT caches recorded" : "no AOT cache was written (see the training logs)");
        results.put("aot_cache", !aotAvailable ? "needs JDK 25, this is " + Runtime.version()
                : aotRecorded ? "recorded with " + String.join(" ", training) + " -XX:AOTCacheOutput=<service>.aot"
                        : "recording failed (see the training logs): the AOT rows are missing");

        Map<String, JvmOptions> configurations = new LinkedHashMap<>();
        configurations.put(AS_SHIPPED, new JvmOptions(shipped, shipped));
        if (aotRecorded) {
            configurations.put(AS_SHIPPED_AOT, new JvmOptions(concat(shipped, List.of(), "-XX:AOTCache="
                    + aot.resolve("inventory.aot")), concat(shipped, List.of(), "-XX:AOTCache=" + aot.resolve(
                            "order.aot"))));
        }
        for (int run = 1; run <= settings.minRounds(); run++) {
            for (var configuration : configurations.entrySet()) {
                Console.step("Fresh start, " + configuration.getKey().replace('_', ' ') + ", run " + run + "/"
                        + settings.minRounds());
                FreshPair pair = start(inventoryDb, orderDb, configuration.getValue(), configuration.getKey() + "-"
                        + run, customers, false);
                System.out.printf("first order: inventory %.0f ms, order %.0f ms; ", pair.inventoryFirstMs(),
                        pair.orderFirstMs());
                System.out.flush();
                FixedOrders.Outcome outcome = FixedOrders.place(infrastructure.http(), pair.order().baseUrl(),
                        customers, settings.products(), settings.ordersForRss(), 16);
                Tasks.sleep(Duration.ofSeconds(2));
                Map<String, Object> fresh = measure(pair, outcome);
                results.addRun("fresh_" + configuration.getKey(), fresh);
                context.checkFailures(fresh, "orders for RSS");
                System.out.printf("after %d orders (%.0f/s): RSS inventory %.0f MB, order %.0f MB%n", outcome.ok(),
                        outcome.ok() / outcome.seconds(), fresh.get("rss_mb_inventory"), fresh.get("rss_mb_order"));
                // Measured and done with: no need to wait for a graceful stop.
                pair.order().kill();
                pair.inventory().kill();
            }
        }
    }

    private static Map<String, Object> measure(FreshPair pair, FixedOrders.Outcome outcome) {
        ProcStats.Memory inventory = pair.inventory().memory();
        ProcStats.Memory order = pair.order().memory();
        Map<String, Object> fresh = new LinkedHashMap<>();
        fresh.put("start_to_first_order_ms_inventory", pair.inventoryFirstMs());
        fresh.put("start_to_first_order_ms_order", pair.orderFirstMs());
        fresh.put("quarkus_started_in_ms_inventory", FirstSuccess.quarkusStartedMs(pair.inventory()));
        fresh.put("quarkus_started_in_ms_order", FirstSuccess.quarkusStartedMs(pair.order()));
        fresh.put("orders", outcome.ok());
        fresh.put("failed", outcome.failed());
        fresh.put("total", outcome.ok() + outcome.failed());
        fresh.put("rss_mb_inventory", inventory.rssKb() / 1024.0);
        fresh.put("rss_mb_order", order.rssKb() / 1024.0);
        fresh.put("rss_anon_mb_inventory", inventory.rssAnonKb() / 1024.0);
        fresh.put("rss_anon_mb_order", order.rssAnonKb() / 1024.0);
        fresh.put("peak_rss_mb_inventory", inventory.peakRssKb() / 1024.0);
        fresh.put("peak_rss_mb_order", order.peakRssKb() / 1024.0);
        fresh.put("orders_per_s", outcome.ok() / outcome.seconds());
        return fresh;
    }

    /**
     * Starts inventory-service, then order-service, each measured from just before its process starts to its first
     * successful answer to real work: a reservation (201) for inventory-service, an order (201) for order-service.
     * With {@code loadCatalog} (the unmeasured first start), the catalog and customers are loaded in between.
     */
    private FreshPair start(String inventoryDb, String orderDb, JvmOptions options, String label, Path customers,
            boolean loadCatalog) {
        ServicePairs pairs = context.pairs();
        Mode mode = Mode.TENTH; // the production default: 10 % sampling, exported
        ServiceProcess inventory = infrastructure.launch(ServicePairs.INVENTORY + "-" + label,
                pairs.jar(ServicePairs.INVENTORY), options.inventory(), pairs.environment(mode, inventoryDb,
                        List.of()));
        if (loadCatalog) {
            inventory.awaitReady();
            Catalog.loadProducts(infrastructure.http(), inventory.baseUrl(), settings.products());
        }
        double inventoryFirst = FirstSuccess.reservation(infrastructure.http(), inventory, Duration.ofSeconds(120));
        Map<String, String> environment = pairs.environment(mode, orderDb, List.of());
        environment.put("QUARKUS_REST_CLIENT_INVENTORY_URL", inventory.baseUrl());
        ServiceProcess order = infrastructure.launch(ServicePairs.ORDER + "-" + label, pairs.jar(ServicePairs.ORDER),
                options.order(), environment);
        if (loadCatalog) {
            order.awaitReady();
            Catalog.loadCustomers(infrastructure.http(), order.baseUrl(), settings.customers(), customers);
        }
        double orderFirst = FirstSuccess.order(infrastructure.http(), order, customers, settings.products(),
                Duration.ofSeconds(120));
        return new FreshPair(inventory, order, inventoryFirst, orderFirst);
    }

    private static List<String> concat(List<String> first, List<String> second, String last) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.add(last);
        return all;
    }
}
