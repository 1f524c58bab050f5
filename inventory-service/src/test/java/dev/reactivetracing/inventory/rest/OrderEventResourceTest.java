package dev.reactivetracing.inventory.rest;

import static dev.reactivetracing.inventory.rest.InventoryApiCalls.line;
import static dev.reactivetracing.inventory.rest.InventoryApiCalls.reservation;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.inventory.InventoryDatabase;
import dev.reactivetracing.inventory.service.ReservationService;
import dev.reactivetracing.testing.ApplicationDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class OrderEventResourceTest {

    @Inject
    ReservationService reservations;

    @Test
    void orderCreatedConfirmsTheReservationOnceHoweverOftenItArrives() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String orderId = UUID.randomUUID().toString();
        String reservationId = reserve(orderId, product, 3);
        Map<String, Object> event = orderCreated(orderId, reservationId);

        for (int delivery = 0; delivery < 2; delivery++) {
            given().contentType(ContentType.JSON).body(event)
                    .post("/api/inventory/events")
                    .then().statusCode(200).body("reservation_status", equalTo("CONFIRMED"));
        }
        assertEquals(7, InventoryDatabase.stockOf(product));
    }

    @Test
    void orderCreatedForACancelledOrderLeavesItReleased() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String orderId = UUID.randomUUID().toString();
        String reservationId = reserve(orderId, product, 3);
        given().delete("/api/inventory/reservations/{id}", reservationId).then().statusCode(204);

        given().contentType(ContentType.JSON).body(orderCreated(orderId, reservationId))
                .post("/api/inventory/events")
                .then().statusCode(200).body("reservation_status", equalTo("RELEASED"));
        assertEquals(10, InventoryDatabase.stockOf(product));
    }

    @Test
    void orderCreatedMustNameTheReservationOfThatOrder() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String reservationId = reserve(UUID.randomUUID().toString(), product, 1);
        given().contentType(ContentType.JSON).body(orderCreated("another-order", reservationId))
                .post("/api/inventory/events")
                .then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("event_id", UUID.randomUUID(), "event_type", "order.shipped", "order_id", "o-1",
                        "reservation_id", reservationId))
                .post("/api/inventory/events")
                .then().statusCode(422).body("type", endsWith("/unsupported-event"));
    }

    @Test
    void overdueReservationsExpireAndGiveTheirStockBack() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String overdue = reserve(UUID.randomUUID().toString(), product, 4);
        String current = reserve(UUID.randomUUID().toString(), product, 2);
        makeOverdue(overdue);

        int expired = reservations.expireOverdue(100).await().indefinitely();

        assertEquals(1, expired, "only the overdue reservation expires");
        assertEquals(8, InventoryDatabase.stockOf(product));
        given().get("/api/inventory/reservations/{id}", overdue).then().body("status", equalTo("EXPIRED"));
        given().get("/api/inventory/reservations/{id}", current).then().body("status", equalTo("RESERVED"));
    }

    @Test
    void lateConfirmationTakesTheStockAgainWhileItIsThere() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String orderId = UUID.randomUUID().toString();
        String reservationId = reserve(orderId, product, 4);
        makeOverdue(reservationId);
        reservations.expireOverdue(100).await().indefinitely();
        assertEquals(10, InventoryDatabase.stockOf(product));

        given().contentType(ContentType.JSON).body(orderCreated(orderId, reservationId))
                .post("/api/inventory/events")
                .then().statusCode(200).body("reservation_status", equalTo("CONFIRMED"));
        assertEquals(6, InventoryDatabase.stockOf(product));
        // Delivered again: nothing more is taken.
        given().contentType(ContentType.JSON).body(orderCreated(orderId, reservationId))
                .post("/api/inventory/events").then().statusCode(200);
        assertEquals(6, InventoryDatabase.stockOf(product));
    }

    @Test
    void lateConfirmationIsRefusedWhenTheStockIsGone() {
        String product = InventoryApiCalls.createProduct(100, 5);
        String orderId = UUID.randomUUID().toString();
        String reservationId = reserve(orderId, product, 4);
        makeOverdue(reservationId);
        reservations.expireOverdue(100).await().indefinitely();
        reserve(UUID.randomUUID().toString(), product, 3); // someone else bought it meanwhile

        given().contentType(ContentType.JSON).body(orderCreated(orderId, reservationId))
                .post("/api/inventory/events")
                .then().statusCode(409).body("type", endsWith("/reservation-expired"));
        assertEquals(2, InventoryDatabase.stockOf(product));
        given().get("/api/inventory/reservations/{id}", reservationId).then().body("status", equalTo("EXPIRED"));
    }

    private static void makeOverdue(String reservationId) {
        ApplicationDatabase.execute(
                "UPDATE reservation SET expires_at = now() - interval '1 minute' WHERE id = '" + reservationId + "'");
    }

    private static String reserve(String orderId, String product, int quantity) {
        return given().contentType(ContentType.JSON).body(reservation(orderId, line(product, quantity)))
                .post("/api/inventory/reservations").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> orderCreated(String orderId, String reservationId) {
        return Map.of("event_id", UUID.randomUUID(), "event_type", "order.created", "order_id", orderId,
                "reservation_id", reservationId);
    }
}
