package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.system.guarantees.OrderLoad.Outcome;
import dev.reactivetracing.tooling.process.FreePorts;
import dev.reactivetracing.tooling.otlp.OtlpHttpReceiver;
import dev.reactivetracing.tooling.otlp.ReceivedMetric;

/**
 * The trace pipeline away (the collector refusing connections, then accepting them and never answering): orders are
 * as fast as with a healthy collector, the span queue stays bounded (the service's live heap does not grow with the
 * spans it cannot send), and the spans dropped meanwhile are counted in a metric the service exports once the
 * collector is back.
 */
class TracePipelineOutageGuaranteeTest {

    /** Small enough to fill in seconds, so that the test sees the queue bounded and spans dropped. */
    private static final int QUEUE_SIZE = 512;
    private static final int ORDERS_PER_PHASE = Guarantees.scaled(300, 3_000);
    /** Latency "unaffected within noise": a median at most this much above the healthy one (and 5 ms). */
    private static final double NOISE = 1.5;
    /** Growth of the live heap allowed while the collector hangs, for orders whose spans would take far more. */
    private static final long HEAP_GROWTH_LIMIT = 16L * 1024 * 1024;

    private static int collectorPort;
    @AutoClose
    private static OtlpHttpReceiver collector;
    @AutoClose
    private static RunningSystem system;
    private static String product;
    private static String customerId;

    @BeforeAll
    static void start() {
        collectorPort = FreePorts.find();
        collector = OtlpHttpReceiver.start(collectorPort);
        system = RunningSystem.start("tracepipeline", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0",
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_BSP_MAX_QUEUE_SIZE", Integer.toString(QUEUE_SIZE),
                "QUARKUS_OTEL_BSP_EXPORT_TIMEOUT", "5s"), Map.of());
        product = createProduct(system.inventory.baseUrl(), 100, 10_000_000);
        customerId = createCustomer(system.order.baseUrl(), "Pipeline Customer", "pipeline@example.com");
    }

    @Test
    void ordersDoNotWaitForTheTracePipelineAndDroppedSpansAreCounted() {
        Guarantees.faultInjected();
        placeOrders(ORDERS_PER_PHASE); // warm-up: JIT, pools, caches
        Duration healthy = medianLatency(placeOrders(ORDERS_PER_PHASE));

        collector.close(); // refusing
        Duration refusing = medianLatency(placeOrders(ORDERS_PER_PHASE));

        Duration hanging;
        long heapGrowth;
        try (BlackHole blackHole = new BlackHole(collectorPort)) {
            placeOrders(ORDERS_PER_PHASE); // fills the queue: from here spans are dropped
            long heapBefore = JvmHeap.liveBytes(system.order.pid());
            List<Outcome> outcomes = placeOrders(ORDERS_PER_PHASE * 3);
            heapGrowth = JvmHeap.liveBytes(system.order.pid()) - heapBefore;
            hanging = medianLatency(outcomes);
            assertTrue(blackHole.connectionsHeld() > 0, "the services did try the hanging collector");
        }

        // Back, on the same port: the black hole's connections may hold it for a moment after they are closed.
        collector = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> OtlpHttpReceiver.start(collectorPort), Objects::nonNull);
        List<ReceivedMetric> metrics = collector.awaitMetrics(received -> droppedSpans(received) > 0,
                Duration.ofSeconds(30));
        long dropped = droppedSpans(metrics);

        System.out.printf("Trace pipeline away: median order latency healthy %s, collector refusing %s, hanging %s; "
                + "order-service live heap %+d KiB while hanging; %d spans dropped and counted%n",
                healthy, refusing, hanging, heapGrowth / 1024, dropped);
        assertWithinNoise(healthy, refusing, "collector refusing");
        assertWithinNoise(healthy, hanging, "collector hanging");
        assertTrue(heapGrowth < HEAP_GROWTH_LIMIT, "live heap grew by " + heapGrowth / 1024 + " KiB");
        assertTrue(dropped > 0);
        Guarantees.survived();
    }

    private static List<Outcome> placeOrders(int count) {
        try (OrderLoad load = OrderLoad.start(system.order.baseUrl(), customerId, product, 2)) {
            load.awaitCreated(count, Duration.ofSeconds(count / 5 + 30));
            List<Outcome> outcomes = load.stop();
            outcomes.forEach(outcome -> assertTrue(outcome.created(), outcome::toString));
            return outcomes;
        }
    }

    private static Duration medianLatency(List<Outcome> outcomes) {
        List<Duration> sorted = outcomes.stream().map(Outcome::took).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void assertWithinNoise(Duration healthy, Duration faulty, String fault) {
        long limit = (long) (healthy.toNanos() * NOISE) + Duration.ofMillis(5).toNanos();
        assertTrue(faulty.toNanos() <= limit, fault + ": median " + faulty + " against " + healthy + " healthy");
    }

    /** order-service's count of spans its batch processor dropped (a cumulative sum: the latest point). */
    private static long droppedSpans(List<ReceivedMetric> metrics) {
        return (long) metrics.stream()
                .filter(metric -> metric.serviceName().equals(RunningSystem.ORDER)
                        && metric.name().equals("processedSpans"))
                .flatMap(metric -> metric.points().stream())
                .filter(point -> Boolean.TRUE.equals(point.attribute("dropped")))
                .mapToDouble(ReceivedMetric.DataPoint::value)
                .max().orElse(0);
    }
}
