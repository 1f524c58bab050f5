package dev.reactivetracing.inventory.rest;

import static dev.reactivetracing.inventory.rest.InventoryApiCalls.line;
import static dev.reactivetracing.inventory.rest.InventoryApiCalls.reservation;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.inventory.InventoryDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ReservationResourceTest {

    @TestHTTPResource("/api/inventory/reservations")
    URL reservationsUrl;

    @Test
    void reservationTakesStockAndReturnsUnitPrices() {
        String coffee = InventoryApiCalls.createProduct(1250, 10);
        String mug = InventoryApiCalls.createProduct(800, 4);
        String orderId = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON)
                .body(reservation(orderId, line(mug, 2), line(coffee, 3)))
                .post("/api/inventory/reservations")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/inventory/reservations/"))
                .body("order_id", equalTo(orderId), "status", equalTo("RESERVED"),
                        "items.find { it.product_id == '" + coffee + "' }.unit_price_cents", equalTo(1250),
                        "items.find { it.product_id == '" + mug + "' }.unit_price_cents", equalTo(800));

        assertEquals(7, InventoryDatabase.stockOf(coffee));
        assertEquals(2, InventoryDatabase.stockOf(mug));
    }

    @Test
    void reservingAgainForTheSameOrderReplaysWithoutTakingMoreStock() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String orderId = UUID.randomUUID().toString();
        String firstId = given().contentType(ContentType.JSON).body(reservation(orderId, line(product, 4)))
                .post("/api/inventory/reservations").then().statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON).body(reservation(orderId, line(product, 4)))
                .post("/api/inventory/reservations")
                .then().statusCode(200).body("id", equalTo(firstId));
        assertEquals(6, InventoryDatabase.stockOf(product));

        given().contentType(ContentType.JSON).body(reservation(orderId, line(product, 5)))
                .post("/api/inventory/reservations")
                .then().statusCode(422).body("type", endsWith("/reservation-mismatch"));
        assertEquals(6, InventoryDatabase.stockOf(product));
    }

    @Test
    void shortStockRejectsTheWholeReservationAndNamesTheShortProducts() {
        String plenty = InventoryApiCalls.createProduct(100, 50);
        String scarce = InventoryApiCalls.createProduct(100, 1);
        String orderId = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).body(reservation(orderId, line(plenty, 5), line(scarce, 2)))
                .post("/api/inventory/reservations")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/insufficient-stock"),
                        "short_products.product_id", contains(scarce),
                        "short_products[0].requested", equalTo(2),
                        "short_products[0].available", equalTo(1));

        assertEquals(50, InventoryDatabase.stockOf(plenty));
        assertEquals(1, InventoryDatabase.stockOf(scarce));
        assertEquals(0, InventoryDatabase.count("SELECT count(*) FROM reservation WHERE order_id = '" + orderId + "'"));
    }

    @Test
    void unknownProductIsUnprocessableAndChangesNothing() {
        String known = InventoryApiCalls.createProduct(100, 5);
        String orderId = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).body(reservation(orderId, line(known, 1), line("NOPE-404", 1)))
                .post("/api/inventory/reservations")
                .then().statusCode(422)
                .body("type", endsWith("/unknown-product"), "unknown_product_ids", contains("NOPE-404"));
        assertEquals(5, InventoryDatabase.stockOf(known));
    }

    @Test
    void eachValidationRuleNamesItsField() {
        String product = InventoryApiCalls.createProduct(100, 5);
        String orderId = UUID.randomUUID().toString();
        expectBadRequest(reservation(orderId, line(product, 0)), "items[0].quantity");
        expectBadRequest(reservation(orderId, line(product, 1001)), "items[0].quantity");
        expectBadRequest(reservation(orderId), "items");
        expectBadRequest(reservation(orderId, line(product, 1), line(product, 2)), "items");
        expectBadRequest(reservation(orderId, line("bad id", 1)), "items[0].product_id");
        expectBadRequest(Map.of("items", List.of(line(product, 1))), "order_id");
        List<Map<String, Object>> tooMany = IntStream.range(0, 101)
                .mapToObj(index -> line("SKU-" + index, 1)).toList();
        expectBadRequest(Map.of("order_id", orderId, "items", tooMany), "items");
        assertEquals(5, InventoryDatabase.stockOf(product));
    }

    @Test
    void releaseGivesStockBackOnceAndIsIdempotent() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String reservationId = given().contentType(ContentType.JSON)
                .body(reservation(UUID.randomUUID().toString(), line(product, 4)))
                .post("/api/inventory/reservations").then().statusCode(201).extract().path("id");
        assertEquals(6, InventoryDatabase.stockOf(product));

        given().delete("/api/inventory/reservations/{id}", reservationId).then().statusCode(204);
        given().delete("/api/inventory/reservations/{id}", reservationId).then().statusCode(204);
        assertEquals(10, InventoryDatabase.stockOf(product));
        given().get("/api/inventory/reservations/{id}", reservationId).then().body("status", equalTo("RELEASED"));

        given().delete("/api/inventory/reservations/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void releasingAnOrderBeforeItsReservationArrivesBlocksTheLateReservation() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String orderId = UUID.randomUUID().toString();

        given().queryParam("order_id", orderId).delete("/api/inventory/reservations").then().statusCode(204);
        given().contentType(ContentType.JSON).body(reservation(orderId, line(product, 3)))
                .post("/api/inventory/reservations")
                .then().statusCode(409).body("type", endsWith("/reservation-closed"));
        assertEquals(10, InventoryDatabase.stockOf(product));
    }

    @Test
    void releasingByOrderGivesBackWhatTheOrderHolds() {
        String product = InventoryApiCalls.createProduct(100, 10);
        String orderId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(reservation(orderId, line(product, 3)))
                .post("/api/inventory/reservations").then().statusCode(201);

        given().queryParam("order_id", orderId).delete("/api/inventory/reservations").then().statusCode(204);
        given().queryParam("order_id", orderId).delete("/api/inventory/reservations").then().statusCode(204);
        assertEquals(10, InventoryDatabase.stockOf(product));
    }

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        String product = InventoryApiCalls.createProduct(100, 10);
        String otherProduct = InventoryApiCalls.createProduct(100, 1000);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int attempt = 0; attempt < 50; attempt++) {
            // Half the requests also hold a second product, listed first, to mix lock orders.
            String body = attempt % 2 == 0
                    ? json(reservation(UUID.randomUUID().toString(), line(product, 1)))
                    : json(reservation(UUID.randomUUID().toString(), line(otherProduct, 1), line(product, 1)));
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(reservationsUrl.toString()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        int conflicts = 0;
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            int status = response.get().statusCode();
            if (status == 201) {
                created++;
            } else if (status == 409) {
                conflicts++;
            } else {
                throw new AssertionError("Unexpected " + status + ": " + response.get().body());
            }
        }
        assertEquals(10, created);
        assertEquals(40, conflicts);
        assertEquals(0, InventoryDatabase.stockOf(product));
        assertEquals(10, InventoryDatabase.count(
                "SELECT coalesce(sum(quantity), 0) FROM reservation_item WHERE product_id = '" + product + "'"));
    }

    @Test
    void stockCheckListsAvailableAndUnknownIds() {
        String product = InventoryApiCalls.createProduct(100, 7);
        given().contentType(ContentType.JSON).body(Map.of("product_ids", List.of(product, "NOPE-9", product)))
                .post("/api/inventory/check")
                .then().statusCode(200)
                .body("available." + product, equalTo(7), "unknown_product_ids", contains("NOPE-9"));
        given().contentType(ContentType.JSON).body(Map.of("product_ids", List.of()))
                .post("/api/inventory/check")
                .then().statusCode(400).body("errors.field", hasItem("product_ids"));
    }

    private static void expectBadRequest(Object body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/inventory/reservations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static String json(Object body) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    }
}
