package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.postAsync;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;

/**
 * Races, with real processes and a real PostgreSQL: 50 orders at once for the last 10 units never sell more than 10
 * (and stock never goes below zero), and 20 identical requests at once with one Idempotency-Key make one order.
 */
class ConcurrencyGuaranteeTest {

    private static final int UNITS = 10;
    private static final int RACERS = 50;
    private static final int RACES = Guarantees.scaled(20, 100);
    private static final int DUPLICATES = 20;
    private static final int DUPLICATE_ROUNDS = Guarantees.scaled(5, 25);

    @AutoClose
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("concurrency", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.1"), Map.of());
    }

    @Test
    void fiftyOrdersForTheLastTenUnitsNeverOversell() {
        String customerId = createCustomer(system.order.baseUrl(), "Race Customer", "race@example.com");
        for (int race = 0; race < RACES; race++) {
            String product = createProduct(system.inventory.baseUrl(), 100, UNITS);
            AtomicInteger lowestStock = new AtomicInteger(UNITS);
            Thread stockWatch = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    lowestStock.accumulateAndGet(SystemState.stockOf(system, product), Math::min);
                }
            });
            List<HttpResponse<String>> answers;
            try {
                answers = IntStream.range(0, RACERS)
                        .mapToObj(racer -> postAsync(system.order.baseUrl() + "/api/orders",
                                order(customerId, product, 1), "Idempotency-Key", UUID.randomUUID().toString()))
                        .toList().stream().map(CompletableFuture::join).toList();
            } finally {
                stockWatch.interrupt();
            }
            long created = answers.stream().filter(answer -> answer.statusCode() == 201).count();
            // Reservations of orders that failed after reserving are given back; confirmed ones stay sold.
            await().atMost(Duration.ofSeconds(30)).until(() -> SystemState.heldReservations(system, product) == 0);
            int unitsOrdered = SystemState.unitsOrdered(system, product);
            int unitsReserved = SystemState.unitsReserved(system, product);
            int stock = SystemState.stockOf(system, product);
            long oversold = Math.max(0, unitsOrdered - UNITS) + Math.max(0, unitsReserved - UNITS)
                    + (lowestStock.get() < 0 ? 1 : 0);
            Guarantees.add(Figure.UNITS_OVERSOLD, oversold);

            Guarantees.add(Figure.FLASH_SALE_UNAVAILABLE,
                    answers.stream().filter(answer -> answer.statusCode() == 503).count());
            assertEquals(Set.of(), answers.stream().map(HttpResponse::statusCode)
                    .filter(status -> status != 201 && status != 409).collect(Collectors.toSet()),
                    "answers are sold or out of stock: nobody is turned away");
            assertEquals(0, oversold, "race " + race + ": " + unitsOrdered + " units ordered");
            assertEquals(created, unitsOrdered, "every 201 is an order of one unit, and only those");
            assertEquals(UNITS - unitsReserved, stock, "stock and reservations add up");
            assertEquals(UNITS, created, "the last units are all sold");
        }
    }

    @Test
    void twentyConcurrentDuplicatesMakeOneOrder() {
        String product = createProduct(system.inventory.baseUrl(), 100, 1_000_000);
        for (int round = 0; round < DUPLICATE_ROUNDS; round++) {
            String customerId = createCustomer(system.order.baseUrl(), "Duplicate Customer",
                    "duplicates-" + UUID.randomUUID() + "@example.com");
            String key = UUID.randomUUID().toString();
            List<HttpResponse<String>> answers = IntStream.range(0, DUPLICATES)
                    .mapToObj(duplicate -> postAsync(system.order.baseUrl() + "/api/orders",
                            order(customerId, product, 2), "Idempotency-Key", key))
                    .toList().stream().map(CompletableFuture::join).toList();
            int orders = SystemState.ordersOf(system, customerId);
            Guarantees.add(Figure.DUPLICATE_ORDERS, Math.max(0, orders - 1));

            Set<String> orderIds = answers.stream().filter(answer -> answer.statusCode() == 201)
                    .map(answer -> body(answer).get("id").asText()).collect(Collectors.toSet());
            assertEquals(1, orders, "orders for one Idempotency-Key");
            assertEquals(1, orderIds.size(), "every 201 names the same order");
            answers.stream().filter(answer -> answer.statusCode() != 201).forEach(answer -> {
                assertEquals(409, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("idempotency-key-in-progress"), answer.body());
            });
        }
    }
}
