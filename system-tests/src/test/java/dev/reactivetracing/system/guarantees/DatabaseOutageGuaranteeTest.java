package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.system.guarantees.OrderLoad.Outcome;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.FreePorts;

/**
 * PostgreSQL stopped and started again under load: both services report not ready while it is away and ready once it
 * is back, orders asked meanwhile fail fast with 503 problem+json, and every order that was answered 201 is stored
 * whole (order, items, outbox row) afterwards.
 */
class DatabaseOutageGuaranteeTest {

    /** A request during the outage must not wait for any timeout: the connection is refused at once. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(3);

    @TempDir
    static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgresServer postgres;
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        port = FreePorts.find();
        postgres = EmbeddedPostgresServer.start(dataDirectory, port);
        system = RunningSystem.start("dboutage", postgres, Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void ordersAnswered201SurviveADatabaseRestartWhole() {
        Guarantees.faultInjected();
        String product = createProduct(system.inventory.baseUrl(), 300, 1_000_000);
        String customerId = createCustomer(system.order.baseUrl(), "Database Outage", "db-outage@example.com");
        List<Outcome> outcomes;
        List<String> orderReadiness;
        List<String> inventoryReadiness;
        try (ReadinessWatch orderReady = new ReadinessWatch(system.order.baseUrl());
                ReadinessWatch inventoryReady = new ReadinessWatch(system.inventory.baseUrl());
                OrderLoad load = OrderLoad.start(system.order.baseUrl(), customerId, product, 4)) {
            load.awaitCreated(20, Duration.ofSeconds(30));

            postgres.close();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !orderReady.isUp() && !inventoryReady.isUp());
            int outageStart = load.outcomesSoFar().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.outcomesSoFar().size() >= outageStart + 20);

            postgres = EmbeddedPostgresServer.start(dataDirectory, port);
            await().atMost(Duration.ofSeconds(30)).until(() -> orderReady.isUp() && inventoryReady.isUp());
            int created = (int) load.outcomesSoFar().stream().filter(Outcome::created).count();
            load.awaitCreated(created + 20, Duration.ofSeconds(30));
            outcomes = load.stop();
            orderReadiness = orderReady.states();
            inventoryReadiness = inventoryReady.states();
        }

        List<String> createdOrders = outcomes.stream().filter(Outcome::created).map(Outcome::orderId).toList();
        String ids = createdOrders.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        // Stored whole: the order, at least one item, and its order.created event in the outbox.
        int storedWhole = SystemState.count(system, system.orderDatabase(), """
                SELECT count(*) FROM customer_order o WHERE o.id IN (%s)
                AND EXISTS (SELECT 1 FROM order_item i WHERE i.order_id = o.id)
                AND EXISTS (SELECT 1 FROM outbox e WHERE e.aggregate_id = o.id AND e.event_type = 'order.created')
                """.formatted(ids));
        int partial = SystemState.count(system, system.orderDatabase(), """
                SELECT count(*) FROM customer_order o
                WHERE NOT EXISTS (SELECT 1 FROM order_item i WHERE i.order_id = o.id)
                OR NOT EXISTS (SELECT 1 FROM outbox e WHERE e.aggregate_id = o.id)""");
        Guarantees.add(Figure.ORDERS_LOST, createdOrders.size() - storedWhole + partial);

        List<Outcome> failed = outcomes.stream().filter(outcome -> !outcome.created()).toList();
        assertTrue(failed.size() >= 20, "the outage was seen by requests: " + failed.size());
        failed.forEach(outcome -> {
            assertEquals(503, outcome.status(), outcome::toString);
            assertTrue(outcome.body().contains("\"status\":503"), outcome::toString);
            assertTrue(outcome.took().compareTo(FAIL_FAST) <= 0, () -> "failed slowly: " + outcome);
        });
        assertEquals(createdOrders.size(), storedWhole, "orders answered 201 but not stored whole");
        assertEquals(0, partial, "orders stored without items or event");
        assertEquals(List.of("UP", "DOWN", "UP"), orderReadiness.stream().filter(state -> !state.equals("GONE"))
                .toList(), "order-service readiness");
        assertEquals(List.of("UP", "DOWN", "UP"), inventoryReadiness, "inventory-service readiness");
        Guarantees.survived();
    }
}
