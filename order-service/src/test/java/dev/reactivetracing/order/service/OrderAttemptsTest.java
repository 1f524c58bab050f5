package dev.reactivetracing.order.service;

import dev.reactivetracing.order.model.NewOrder;
import dev.reactivetracing.order.model.RequestedItem;
import static dev.reactivetracing.order.OrderServiceTests.countInOrders;
import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.heldReservations;
import static dev.reactivetracing.order.OrderServiceTests.inventoryUrl;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static dev.reactivetracing.order.OrderServiceTests.stockOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.order.InventoryServiceProcess;
import dev.reactivetracing.testing.ApplicationDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Orders being created by an instance that died (SIGKILL, mid-request): their attempts are taken over by a retry with
 * the same Idempotency-Key, which continues the same order id and so the same reservation, or, if nobody retries, their
 * stock is given back by the sweep. An instance that is alive keeps its attempts.
 */
@QuarkusTest
class OrderAttemptsTest {

    @Inject
    AbandonedOrders abandonedOrders;

    @Inject
    ServiceInstance thisInstance;

    @Test
    void aRetryOfADeadInstancesRequestContinuesItsOrderAndItsReservation() {
        String product = createProduct(300, 5);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();
        UUID orderId = UUID.randomUUID();
        // The dead instance had begun the attempt and reserved, then died before saving.
        leftBehind(orderId, customerId, key, product, 2, UUID.randomUUID(), Duration.ofSeconds(10));
        reserveAtInventory(orderId, product, 2);
        assertEquals(3, stockOf(product));

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders")
                .then().statusCode(201).body("id", equalTo(orderId.toString()), "total_cents", equalTo(600));

        assertEquals(3, stockOf(product), "the reservation the dead attempt made, not a second one");
        assertEquals(1, heldReservations(product));
    }

    @Test
    void anAttemptOfALiveInstanceIsInProgress() {
        String product = createProduct(300, 5);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();
        // Begun a moment ago by this (live) instance: the retry must wait for it, not run beside it.
        leftBehind(UUID.randomUUID(), customerId, key, product, 1, thisInstance.id(), Duration.ofSeconds(10));

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 1)))
                .post("/api/orders")
                .then().statusCode(409).body("type", endsWith("/idempotency-key-in-progress"));
        assertEquals(5, stockOf(product));
    }

    @Test
    void theStockOfAttemptsNobodyRetriesIsGivenBack() {
        String product = createProduct(300, 10);
        String customerId = createCustomer();
        UUID withKey = UUID.randomUUID();
        UUID withoutKey = UUID.randomUUID();
        UUID deadInstance = UUID.randomUUID();
        Duration longAgo = Duration.ofMinutes(5);
        leftBehind(withKey, customerId, UUID.randomUUID().toString(), product, 2, deadInstance, longAgo);
        leftBehind(withoutKey, customerId, null, product, 3, deadInstance, longAgo);
        reserveAtInventory(withKey, product, 2);
        reserveAtInventory(withoutKey, product, 3);
        assertEquals(5, stockOf(product));

        abandonedOrders.sweep().await().atMost(Duration.ofSeconds(30));

        assertEquals(10, stockOf(product), "both reservations released");
        assertEquals(0, heldReservations(product));
        assertEquals(0, countInOrders("SELECT count(*) FROM order_attempt WHERE order_id IN ('" + withKey + "', '"
                + withoutKey + "')"), "and their attempts gone");
    }

    @Test
    void aRefusedOrderLeavesItsKeyFreeAndASavedOneLeavesNoAttemptWithoutAKey() {
        String product = createProduct(300, 1);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders").then().statusCode(409).body("type", endsWith("/insufficient-stock"));
        given().contentType(ContentType.JSON).baseUri(inventoryUrl()).body(Map.of("quantity", 1))
                .post("/api/products/{id}/stock", product).then().statusCode(200);
        // The same key and body again: nothing was held, so it is free and the order goes through now.
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders").then().statusCode(201);

        given().contentType(ContentType.JSON).body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(409).body("type", endsWith("/insufficient-stock"));
        assertEquals(0, countInOrders("SELECT count(*) FROM order_attempt a WHERE a.customer_id = '" + customerId
                + "' AND a.idempotency_key IS NULL"), "no attempt without a key outlives its request");
    }

    /** An attempt as an instance writes it, begun {@code ago}, owned by {@code owner} (a dead one if unknown). */
    private static void leftBehind(UUID orderId, String customerId, String key, String product, int quantity,
            UUID owner, Duration ago) {
        String fingerprint = new NewOrder(UUID.fromString(customerId),
                List.of(new RequestedItem(product, quantity))).fingerprint();
        ApplicationDatabase.execute("""
                INSERT INTO order_attempt (order_id, customer_id, idempotency_key, request_fingerprint, owner_instance,
                                           started_at)
                VALUES ('%s', '%s', %s, '%s', '%s', now() - interval '%d seconds')""".formatted(orderId, customerId,
                key == null ? "NULL" : "'" + key + "'", fingerprint, owner, ago.toSeconds()));
    }

    private static void reserveAtInventory(UUID orderId, String product, int quantity) {
        given().baseUri(InventoryServiceProcess.shared().baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("order_id", orderId.toString(), "items",
                        List.of(Map.of("product_id", product, "quantity", quantity))))
                .post("/api/inventory/reservations").then().statusCode(201);
    }
}
