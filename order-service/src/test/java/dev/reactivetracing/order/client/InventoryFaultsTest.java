package dev.reactivetracing.order.client;

import static dev.reactivetracing.order.OrderServiceTests.countInOrders;
import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.heldReservations;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static dev.reactivetracing.order.OrderServiceTests.ordersOf;
import static dev.reactivetracing.order.OrderServiceTests.stockOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.order.InventoryServiceProcess;
import dev.reactivetracing.testing.http.FaultInjectingProxy;
import dev.reactivetracing.testing.ApplicationDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** When inventory-service is down, failing or slow: 503, nothing saved, no stock left reserved. */
@QuarkusTest
@TestProfile(InventoryFaultsProfile.class)
class InventoryFaultsTest {

    /** One attempt and two retries. */
    private static final int ATTEMPTS = 3;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    private final FaultInjectingProxy proxy = FaultInjectingProxy.shared(
            () -> InventoryServiceProcess.shared().baseUrl());

    @BeforeEach
    void startHealthy() {
        // Circuit breakers are closed before every test (FreshStateBeforeEachTest).
        proxy.pass();
        proxy.resetCounts();
    }

    @AfterEach
    void heal() {
        proxy.pass();
    }

    @Test
    void inventoryThatDropsConnectionsGives503AfterRetriesAndSavesNothing() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.DROP_CONNECTIONS, Duration.ZERO);

        expectUnavailable(customerId, product);

        assertEquals(ATTEMPTS, proxy.postsTo(InventoryFaultsProfile.RESERVATIONS));
        assertEquals(0, ordersOf(customerId));
        assertEquals(10, stockOf(product));
    }

    @Test
    void inventoryServerErrorsAreRetriedThenGive503() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.FAIL_WITH_500, Duration.ZERO);

        given().contentType(ContentType.JSON).header("x-request-id", "retried-req-1")
                .body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(503);

        assertEquals(ATTEMPTS, proxy.postsTo(InventoryFaultsProfile.RESERVATIONS));
        // The retries (scheduled by fault tolerance) still carry the request's id.
        assertEquals(List.of("retried-req-1"),
                proxy.lastRequestHeaders(InventoryFaultsProfile.RESERVATIONS).get("x-request-id"));
        assertEquals(0, ordersOf(customerId));
        assertEquals(10, stockOf(product));
    }

    @Test
    void slowInventoryTimesOutAndTheStockItTookIsGivenBack() throws InterruptedException {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.SLOW_ANSWERS,
                Duration.ofMillis(InventoryFaultsProfile.TIMEOUT_MILLIS * 4L));

        Instant start = Instant.now();
        expectUnavailable(customerId, product);
        Duration took = Duration.between(start, Instant.now());

        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the client waited " + took);
        assertEquals(0, ordersOf(customerId));
        // The reservation did land at inventory-service; the compensating release (off the request's path) gives
        // it back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(10, stockOf(product));
            assertEquals(0, heldReservations(product));
        });
    }

    @Test
    void openCircuitAnswers503WithoutCallingInventory() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.FAIL_WITH_500, Duration.ZERO);
        // The breaker judges whole calls (each after its retries).
        for (int order = 0; order < InventoryFaultsProfile.CIRCUIT_REQUEST_VOLUME; order++) {
            expectUnavailable(customerId, product);
        }
        assertEquals("open", circuitBreakers.currentState(InventoryClient.RESERVE_CIRCUIT).name().toLowerCase());
        proxy.pass();
        proxy.resetCounts();

        expectUnavailable(customerId, product);

        assertEquals(0, proxy.postsTo(InventoryFaultsProfile.RESERVATIONS), "an open circuit must not call inventory-service");
        assertEquals(10, stockOf(product));
    }

    @Test
    void oneFailingReplicaAmongHealthyOnesNeverOpensTheCircuit() {
        String product = createProduct(100, 1000);
        String customerId = createCustomer();
        // Every other attempt fails, as when one of two replicas behind a balancer answers 500: each order's retry
        // gets through. Failed attempts are not failed calls, so the breaker stays closed, however many there are.
        proxy.misbehave(InventoryFaultsProfile.RESERVATIONS, FaultInjectingProxy.Mode.EVERY_OTHER_FAILS_WITH_500,
                Duration.ZERO);
        int orders = InventoryFaultsProfile.CIRCUIT_REQUEST_VOLUME * 3;
        for (int order = 0; order < orders; order++) {
            given().contentType(ContentType.JSON).body(order(customerId, item(product, 1)))
                    .post("/api/orders").then().statusCode(201);
        }
        assertEquals(orders * 2, proxy.postsTo(InventoryFaultsProfile.RESERVATIONS), "each order needed a retry");
        assertEquals("closed", circuitBreakers.currentState(InventoryClient.RESERVE_CIRCUIT).name().toLowerCase());
        assertEquals(1000 - orders, stockOf(product));
    }

    @Test
    void ordersSucceedThroughTheProxyWhenInventoryIsHealthy() {
        String product = createProduct(250, 10);
        String customerId = createCustomer();
        given().contentType(ContentType.JSON).body(order(customerId, item(product, 2)))
                .post("/api/orders")
                .then().statusCode(201).body("total_cents", equalTo(500));
        assertEquals(1, proxy.postsTo(InventoryFaultsProfile.RESERVATIONS));
    }

    @Test
    void relayRetriesAnUnreachableInventoryAndDeliversOnceItIsBack() {
        String product = createProduct(100, 10);
        proxy.misbehave(InventoryFaultsProfile.EVENTS, FaultInjectingProxy.Mode.DROP_CONNECTIONS, Duration.ZERO);
        String orderId = given().contentType(ContentType.JSON).body(order(createCustomer(), item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        String outboxRow = "FROM outbox WHERE aggregate_id = '" + orderId + "'";

        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.postsTo(InventoryFaultsProfile.EVENTS) >= 2);
        assertEquals(0, countInOrders("SELECT count(*) " + outboxRow + " AND published_at IS NOT NULL"));
        assertEquals(1, countInOrders("SELECT count(*) " + outboxRow + " AND last_error LIKE '%unreachable%'"));

        proxy.pass();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1,
                countInOrders("SELECT count(*) " + outboxRow + " AND published_at IS NOT NULL")));
        assertEquals("CONFIRMED", InventoryServiceProcess.postgres().queryForString(InventoryServiceProcess.DATABASE,
                "SELECT status FROM reservation WHERE order_id = '" + orderId + "'"));
    }

    @Test
    void orderWhoseReservationExpiredAndWhoseStockIsGoneIsCancelled() {
        String product = createProduct(100, 10);
        String orderId = given().contentType(ContentType.JSON).body(order(createCustomer(), item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        String outboxRow = "FROM outbox WHERE aggregate_id = '" + orderId + "'";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1,
                countInOrders("SELECT count(*) " + outboxRow + " AND published_at IS NOT NULL")));
        // As if order.created had come only after the reservation expired and the stock was sold: deliver again.
        InventoryServiceProcess.postgres().execute(InventoryServiceProcess.DATABASE,
                "UPDATE reservation SET status = 'EXPIRED' WHERE order_id = '" + orderId + "'",
                "UPDATE product SET stock = 0 WHERE id = '" + product + "'");
        ApplicationDatabase.execute(
                "UPDATE outbox SET published_at = NULL, next_attempt_at = now() WHERE aggregate_id = '" + orderId + "'");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1,
                countInOrders("SELECT count(*) " + outboxRow + " AND failed_at IS NOT NULL")));
        given().get("/api/orders/{id}", orderId).then().body("status", equalTo("CANCELLED"));
    }

    private static void expectUnavailable(String customerId, String product) {
        given().contentType(ContentType.JSON).body(order(customerId, item(product, 1)))
                .post("/api/orders")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", endsWith("/inventory-unavailable"),
                        "detail", not(containsString("Exception")));
    }
}
