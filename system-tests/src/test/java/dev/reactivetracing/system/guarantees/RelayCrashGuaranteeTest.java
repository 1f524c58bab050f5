package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.testing.http.FaultInjectingProxy.Mode;

/**
 * order-service killed (SIGKILL) after its outbox relay delivered order.created but before it could mark the event
 * published: the next instance delivers it again once the dead one's lease expires, and inventory-service, which
 * already confirmed the reservation, takes the second delivery as a no-op: consumed once.
 */
class RelayCrashGuaranteeTest {

    private static final String EVENTS = "/api/inventory/events";
    /** Short, so that the next instance takes over the dead one's batch in seconds (production: 60 s). */
    private static final Map<String, String> SHORT_LEASE = Map.of("ORDERS_OUTBOX_LEASE", "3s");

    @AutoClose
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("relaycrash", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), SHORT_LEASE);
    }

    @Test
    void anEventDeliveredBeforeACrashIsDeliveredAgainAndConsumedOnce() {
        Guarantees.faultInjected();
        String product = createProduct(system.inventory.baseUrl(), 500, 10);
        String customerId = createCustomer(system.order.baseUrl(), "Relay Customer", "relay@example.com");
        // inventory-service handles the delivery at once; the relay gets no answer before it is killed.
        system.proxy.misbehave(EVENTS, Mode.SLOW_ANSWERS, Duration.ofSeconds(20));
        String orderId = body(expect(201, post(system.order.baseUrl() + "/api/orders",
                order(customerId, product, 3)))).get("id").asText();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
                .until(() -> system.proxy.postsTo(EVENTS) == 1);
        system.order.handle().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !system.order.isAlive());

        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(reservationStatus(orderId)));
        String confirmedAt = reservationUpdatedAt(orderId);
        assertEquals("f", system.postgres.queryForString(system.orderDatabase(),
                "SELECT published_at IS NOT NULL FROM outbox WHERE aggregate_id = '" + orderId + "'"),
                "the crash came before the relay could mark the event published");

        system.proxy.pass();
        try (ServiceProcess restarted = system.startAnotherOrderService(SHORT_LEASE)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "t".equals(system.postgres.queryForString(
                    system.orderDatabase(),
                    "SELECT published_at IS NOT NULL FROM outbox WHERE aggregate_id = '" + orderId + "'")));
        }

        int deliveries = system.proxy.postsTo(EVENTS);
        boolean consumedAgain = !confirmedAt.equals(reservationUpdatedAt(orderId))
                || SystemState.stockOf(system, product) != 10 - 3;
        Guarantees.add(Figure.EVENTS_CONSUMED_TWICE, consumedAgain ? 1 : 0);
        assertTrue(deliveries >= 2, "delivered again after the crash: " + deliveries);
        assertEquals("CONFIRMED", reservationStatus(orderId));
        assertEquals(confirmedAt, reservationUpdatedAt(orderId), "the second delivery changed the reservation");
        assertEquals(7, SystemState.stockOf(system, product), "stock taken once");
        Guarantees.survived();
    }

    private static String reservationStatus(String orderId) {
        return system.postgres.queryForString(system.inventoryDatabase(),
                "SELECT coalesce(max(status), 'NONE') FROM reservation WHERE order_id = '" + orderId + "'");
    }

    private static String reservationUpdatedAt(String orderId) {
        return system.postgres.queryForString(system.inventoryDatabase(),
                "SELECT updated_at::text FROM reservation WHERE order_id = '" + orderId + "'");
    }
}
