package dev.reactivetracing.order.service;

import static dev.reactivetracing.order.OrderServiceTests.countInOrders;
import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.order.InventoryServiceProcess;
import dev.reactivetracing.testing.ApplicationDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class OutboxRelayTest {

    @Test
    void orderCreatedIsDeliveredOnceAndConfirmsTheReservation() {
        String product = createProduct(100, 10);
        String orderId = given().contentType(ContentType.JSON).body(order(createCustomer(), item(product, 2)))
                .post("/api/orders").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1, countInOrders(
                "SELECT count(*) FROM outbox WHERE aggregate_id = '" + orderId + "' AND published_at IS NOT NULL")));
        assertEquals("CONFIRMED", InventoryServiceProcess.postgres().queryForString(InventoryServiceProcess.DATABASE,
                "SELECT status FROM reservation WHERE order_id = '" + orderId + "'"));
        assertEquals(1, countInOrders("SELECT attempts FROM outbox WHERE aggregate_id = '" + orderId + "'"));
    }

    @Test
    void eventStoresTheTraceContextOfItsPublishSpan() {
        String product = createProduct(100, 10);
        String orderId = given().contentType(ContentType.JSON)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .body(order(createCustomer(), item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().path("id");

        String traceparent = ApplicationDatabase.queryForString(
                "SELECT traceparent FROM outbox WHERE aggregate_id = '" + orderId + "'");
        assertEquals("0af7651916cd43dd8448eb211c80319c", traceparent.split("-")[1], traceparent);
        assertEquals("01", traceparent.split("-")[3], "sampled flag kept: " + traceparent);
    }
}
