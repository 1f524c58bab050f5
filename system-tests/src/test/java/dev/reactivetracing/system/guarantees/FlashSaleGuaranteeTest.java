package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.postAsync;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reactivetracing.system.RunningSystem;

/**
 * A flash sale: 200 buyers at once for the 20 units of one product, each with an Idempotency-Key of their own,
 * while every core of the machine is busy with other work. The first burst comes right after the services started
 * (cold JVMs, empty pools), then more once they are warm, with tracing on and off. Every burst sells exactly the
 * stock, refuses the rest with 409, and turns nobody away with 503: the product's row is not a queue behind round
 * trips (one statement takes the stock) and a slow reservation is not re-queued by its retry.
 */
class FlashSaleGuaranteeTest {

    private static final int STOCK = 20;
    private static final int BUYERS = 200;
    private static final int WARM_BURSTS = Guarantees.scaled(3, 20);

    @ParameterizedTest(name = "tracing {0}")
    @ValueSource(strings = { "on", "off" })
    void aBurstOnOneProductSellsExactlyItsStockAndTurnsNobodyAway(String tracing) {
        Map<String, String> environment = tracing.equals("on")
                ? Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0")
                : Map.of("QUARKUS_OTEL_SDK_DISABLED", "true");
        try (CpuHog busyMachine = CpuHog.onEveryCore();
                RunningSystem system = RunningSystem.start("flashsale_" + tracing, environment, Map.of())) {
            String customerId = createCustomer(system.order.baseUrl(), "Flash Buyer", "flash-" + tracing
                    + "@example.com");
            Burst cold = burst(system, customerId);
            Guarantees.add(Figure.FLASH_SALE_P99_COLD, cold.p99().toMillis());
            cold.assertSoldExactlyTheStock(system);
            for (int round = 0; round < WARM_BURSTS; round++) {
                Burst warm = burst(system, customerId);
                Guarantees.add(Figure.FLASH_SALE_P99_WARM, warm.p99().toMillis());
                warm.assertSoldExactlyTheStock(system);
            }
        }
    }

    private static Burst burst(RunningSystem system, String customerId) {
        String product = createProduct(system.inventory.baseUrl(), 100, STOCK);
        String ordersUrl = system.order.baseUrl() + "/api/orders";
        long started = System.nanoTime();
        List<CompletableFuture<Answer>> sent = IntStream.range(0, BUYERS)
                .mapToObj(buyer -> {
                    long sentAt = System.nanoTime();
                    return postAsync(ordersUrl, order(customerId, product, 1),
                            "Idempotency-Key", UUID.randomUUID().toString())
                            .thenApply(response -> new Answer(response, Duration.ofNanos(System.nanoTime() - sentAt)));
                })
                .toList();
        List<Answer> answers = sent.stream().map(CompletableFuture::join).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Burst burst = new Burst(product, answers, took);
        Guarantees.add(Figure.FLASH_SALE_ATTEMPTS_PER_SECOND, Math.round(BUYERS / (took.toNanos() / 1e9)));
        Guarantees.add(Figure.FLASH_SALE_UNAVAILABLE, burst.count(503));
        return burst;
    }

    private record Answer(HttpResponse<String> response, Duration took) {
    }

    private record Burst(String product, List<Answer> answers, Duration took) {

        long count(int status) {
            return answers.stream().filter(answer -> answer.response().statusCode() == status).count();
        }

        Duration p99() {
            List<Duration> sorted = answers.stream().map(Answer::took).sorted().toList();
            return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        }

        void assertSoldExactlyTheStock(RunningSystem system) {
            Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(
                    answer -> answer.response().statusCode(), TreeMap::new, Collectors.counting()));
            // Orders that failed after reserving give their stock back off the request path: wait for that.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> SystemState.unitsReserved(system, product) == SystemState.unitsOrdered(system,
                            product));
            int unitsOrdered = SystemState.unitsOrdered(system, product);
            long oversold = Math.max(0, unitsOrdered - STOCK) + Math.max(0, -SystemState.stockOf(system, product));
            Guarantees.add(Figure.UNITS_OVERSOLD, oversold);
            boolean exact = byStatus.equals(Map.of(201, (long) STOCK, 409, (long) (BUYERS - STOCK)))
                    && unitsOrdered == STOCK && SystemState.stockOf(system, product) == 0;
            Guarantees.add(Figure.FLASH_SALE_MISCOUNTED, exact ? 0 : 1);

            String sample = answers.stream().filter(answer -> answer.response().statusCode() != 201
                    && answer.response().statusCode() != 409).findFirst()
                    .map(answer -> answer.response().statusCode() + " " + answer.response().body()).orElse("");
            assertEquals(Map.of(201, (long) STOCK, 409, (long) (BUYERS - STOCK)), byStatus,
                    "answers by status, in " + took.toMillis() + " ms " + sample);
            assertEquals(0, oversold);
            assertEquals(STOCK, unitsOrdered, "every 201 is an order of one unit, and only those");
            assertEquals(0, SystemState.stockOf(system, product));
        }
    }

    /** One spinning thread per core at normal priority, for as long as it is open: a machine busy elsewhere. */
    static final class CpuHog implements AutoCloseable {

        private final List<Thread> spinners;
        private volatile boolean spinning = true;

        private CpuHog(int threads) {
            this.spinners = IntStream.range(0, threads)
                    .mapToObj(index -> Thread.ofPlatform().daemon().name("cpu-hog-" + index).start(this::spin))
                    .toList();
        }

        static CpuHog onEveryCore() {
            return new CpuHog(Runtime.getRuntime().availableProcessors());
        }

        private void spin() {
            long sink = 0;
            while (spinning) {
                sink += Long.numberOfTrailingZeros(System.nanoTime());
            }
            if (sink == 42) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            spinning = false;
            spinners.forEach(thread -> {
                try {
                    thread.join(Duration.ofSeconds(5));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
