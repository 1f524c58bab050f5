package dev.reactivetracing.bench.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactivetracing.bench.load.Burst;
import dev.reactivetracing.bench.load.Catalog;
import dev.reactivetracing.bench.load.OpenLoadRun;
import dev.reactivetracing.bench.load.OrderShape;
import dev.reactivetracing.bench.report.HotProductFigures;
import dev.reactivetracing.bench.report.Results;
import dev.reactivetracing.bench.settings.HotProductSettings;
import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.Setup;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.bench.support.Tasks;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.OutboxDrain;
import dev.reactivetracing.bench.system.ServicePair;
import dev.reactivetracing.bench.system.ServicePairs;

/**
 * Orders on one product (bench/README.md, "Hot product"), on fresh pairs of its own:
 * <ol>
 * <li>a flash-sale burst on each pair right after it started (cold);</li>
 * <li>a warm-up, then the closed-model max of one-item orders spread over the catalog: the reference rate;</li>
 * <li>a rising open-model rate of one-item orders, all on one hot product with ample stock, beside the same rates
 * spread over the catalog, alternately on the same pair: the max rate each sustains with under 1 % failures;</li>
 * <li>more bursts (warm).</li>
 * </ol>
 */
public final class HotProductJob {

    private static final String HOT_PRODUCT = "HOT-0";

    private final RunContext context;
    private final Settings settings;
    private final HotProductSettings hot;
    private final Results results;
    private final Infrastructure infrastructure;
    private final AtomicInteger bursts = new AtomicInteger();

    public HotProductJob(RunContext context) {
        this.context = context;
        this.settings = context.settings();
        this.hot = settings.hot();
        this.results = context.results();
        this.infrastructure = context.infrastructure();
    }

    public void run() {
        List<ServicePair> pairs = context.pairs().start(hot.pairModes().stream().map(Setup::of).toList(), "hot_");
        for (ServicePair pair : burstPairs(pairs)) {
            burst(pair, "cold");
        }
        Map<Mode, Double> referenceRates = new LinkedHashMap<>();
        for (ServicePair pair : pairs) {
            Console.step("Warming up hot-product pair " + pair.setup().label() + " (" + hot.warmupSeconds()
                    + " s of wrk, one-item orders spread over the catalog)");
            Map<String, Object> warm = MaxRateRun.run(context, pair, OrderShape.ONE_SPREAD, hot.warmupSeconds(),
                    false);
            System.out.printf("%.0f orders/s%n", ((Number) warm.get("ok_per_s")).doubleValue());
        }
        for (ServicePair pair : rampPairs(pairs)) {
            Catalog.createProduct(infrastructure.http(), pair.inventory().baseUrl(), HOT_PRODUCT, 100,
                    Catalog.AMPLE_STOCK);
            Console.step("Reference rate, " + pair.setup().label() + " (wrk, one-item spread orders, "
                    + settings.throughputSeconds() + " s)");
            Map<String, Object> reference = MaxRateRun.run(context, pair, OrderShape.ONE_SPREAD,
                    settings.throughputSeconds(), false);
            double rate = ((Number) reference.get("ok_per_s")).doubleValue();
            referenceRates.put(pair.setup().mode(), rate);
            results.addRun("hot_reference_" + pair.setup().mode().key, reference);
            System.out.printf("%.0f orders/s%n", rate);
        }
        for (int round = 1; round <= hot.rampRounds(); round++) {
            for (ServicePair pair : rampPairs(pairs)) {
                List<OrderShape> order = round % 2 == 1 ? List.of(OrderShape.ONE_SPREAD, OrderShape.hot(HOT_PRODUCT))
                        : List.of(OrderShape.hot(HOT_PRODUCT), OrderShape.ONE_SPREAD);
                for (OrderShape shape : order) {
                    ramp(pair, shape, referenceRates.get(pair.setup().mode()), round);
                }
            }
        }
        for (int round = 1; round <= hot.warmBursts(); round++) {
            for (ServicePair pair : burstPairs(pairs)) {
                burst(pair, "warm");
            }
        }
        Console.step("Stopping the hot-product pairs");
        ServicePairs.stop(pairs);
        Console.done();
    }

    private List<ServicePair> burstPairs(List<ServicePair> pairs) {
        return pairs.stream().filter(pair -> hot.burstModes().contains(pair.setup().mode())).toList();
    }

    private List<ServicePair> rampPairs(List<ServicePair> pairs) {
        return pairs.stream().filter(pair -> hot.rampModes().contains(pair.setup().mode())).toList();
    }

    private void ramp(ServicePair pair, OrderShape shape, double referenceRate, int round) {
        List<Double> rates = hot.rampFractions().stream().map(fraction -> Math.max(1, fraction * referenceRate))
                .toList();
        Console.step("Rising rate, " + shape.key() + ", " + pair.setup().label() + ", round " + round + " ("
                + rates.size() + " steps of " + hot.stepSeconds() + " s, " + Math.round(rates.getFirst()) + " to "
                + Math.round(rates.getLast()) + " orders/s)");
        List<Map<String, Object>> steps = OpenLoadRun.run(pair.order().baseUrl(), pair.customersFile(),
                settings.products(), shape, rates, hot.stepSeconds(), settings.smoke() ? 1 : 3, hot.connections(),
                hot.timeoutSeconds(), settings.work(), infrastructure.logs().resolve("hyperfoil.log"));
        steps.forEach(step -> step.put("sustained", HotProductFigures.sustained(step)));
        double max = HotProductFigures.maxSustainedRate(steps);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("round", round);
        run.put("reference_rate", referenceRate);
        run.put("max_sustained_rate", max);
        run.put("outbox_pending_at_end", OutboxDrain.await(infrastructure, pair).pendingAtEnd());
        run.put("steps", steps);
        results.addRun("hot_ramp_" + pair.setup().mode().key + "_" + shape.key(), run);
        List<String> summary = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            summary.add(String.format(java.util.Locale.ROOT, "%.0f/s p99 %.0f ms%s",
                    ((Number) step.get("target_rate")).doubleValue(), ((Number) step.get("p99_ms")).doubleValue(),
                    Boolean.TRUE.equals(step.get("sustained")) ? "" : " (not sustained: "
                            + step.get("failed") + " failed)"));
        }
        System.out.printf("max sustained %.0f orders/s [%s]%n", max, String.join(", ", summary));
    }

    /** A flash sale on a new product of {@code hot.stock()} units; its figures are one run of the phase. */
    private void burst(ServicePair pair, String phase) {
        String product = "FLASH-" + bursts.incrementAndGet();
        Catalog.createProduct(infrastructure.http(), pair.inventory().baseUrl(), product, 100, hot.stock());
        Console.step("Flash sale (" + phase + "), " + pair.setup().label() + ": " + hot.buyers() + " buyers for "
                + hot.stock() + " units");
        long start = System.nanoTime();
        List<Burst.Answer> answers = Burst.send(pair.order().baseUrl(), Catalog.customers(pair.customersFile()),
                product, hot.buyers(), Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        long stockLeft = -1;
        long unitsOrdered = -1;
        // Every answer is in: an order's stock is taken and its row written before its 201. A failed order gives its
        // stock back off the request path, hence a short wait for the counts to settle.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            stockLeft = Long.parseLong(infrastructure.postgres().queryForString(pair.inventoryDb(),
                    "SELECT stock FROM product WHERE id = '" + product + "'"));
            unitsOrdered = Long.parseLong(infrastructure.postgres().queryForString(pair.orderDb(),
                    "SELECT coalesce(sum(quantity), 0) FROM order_item WHERE product_id = '" + product + "'"));
            if (stockLeft == 0 && unitsOrdered == hot.stock()) {
                break;
            }
            Tasks.sleep(Duration.ofMillis(200));
        } while (System.nanoTime() < deadline);
        Map<String, Object> figures = Burst.figures(answers, seconds, hot.stock(), stockLeft, unitsOrdered);
        results.addRun("hot_burst_" + pair.setup().mode().key + "_" + phase, figures);
        context.checkFailures(figures, "flash sale " + pair.key());
        System.out.printf("%s × 201, %s × 409, %s × 503, %s other; p50 %.0f ms, p99 %.0f ms, max %.0f ms, "
                + "%.0f attempts/s%n", figures.get("status_201"), figures.get("status_409"),
                figures.get("status_503"), figures.get("status_other"), figures.get("p50_ms"), figures.get("p99_ms"),
                figures.get("max_ms"), ((Number) figures.get("attempts_per_s")).doubleValue());
        OutboxDrain.await(infrastructure, pair);
    }
}
