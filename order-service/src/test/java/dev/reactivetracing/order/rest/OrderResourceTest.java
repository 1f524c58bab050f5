package dev.reactivetracing.order.rest;

import static dev.reactivetracing.order.OrderServiceTests.countInOrders;
import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.heldReservations;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static dev.reactivetracing.order.OrderServiceTests.ordersOf;
import static dev.reactivetracing.order.OrderServiceTests.stockOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class OrderResourceTest {

    @Test
    void orderTotalIsTheSumOfInventoryPricesTimesQuantities() {
        String coffee = createProduct(2490, 10);
        String filters = createProduct(590, 10);
        String customerId = createCustomer();

        var created = given().contentType(ContentType.JSON)
                .body(order(customerId, item(coffee, 2), item(filters, 3)))
                .post("/api/orders")
                .then().statusCode(201)
                .body("customer_id", equalTo(customerId),
                        "status", equalTo("CREATED"),
                        "total_cents", equalTo(2 * 2490 + 3 * 590),
                        "items.product_id", containsInAnyOrder(coffee, filters),
                        "items.find { it.product_id == '" + coffee + "' }.unit_price_cents", equalTo(2490),
                        "items.find { it.product_id == '" + filters + "' }.line_total_cents", equalTo(3 * 590))
                .extract();
        String orderId = created.path("id");
        assertEquals("/api/orders/" + orderId, java.net.URI.create(created.header("Location")).getPath());

        given().get("/api/orders/{id}", orderId)
                .then().statusCode(200)
                .body("id", equalTo(orderId), "total_cents", equalTo(2 * 2490 + 3 * 590), "items.size()", equalTo(2));
        assertEquals(8, stockOf(coffee));
        assertEquals(7, stockOf(filters));
        assertEquals(1, countInOrders(
                "SELECT count(*) FROM outbox WHERE event_type = 'order.created' AND aggregate_id = '" + orderId + "'"));
    }

    @Test
    void clientPricesAreRejectedAndNothingIsKept() {
        String product = createProduct(1000, 5);
        String customerId = createCustomer();
        // Prices are the catalog's: a request that carries its own is refused, not silently repriced.
        given().contentType(ContentType.JSON)
                .body(Map.of("customer_id", customerId, "total_cents", 1,
                        "items", List.of(Map.of("product_id", product, "quantity", 2, "unit_price_cents", 1))))
                .post("/api/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.message", contains("is not a field of this request"));
        assertEquals(0, ordersOf(customerId));
        assertEquals(5, stockOf(product));
        assertEquals(0, heldReservations(product));
    }

    @Test
    void orderIsRejectedWhenStockIsShortAndNothingIsKept() {
        String plenty = createProduct(100, 50);
        String scarce = createProduct(100, 1);
        String customerId = createCustomer();

        given().contentType(ContentType.JSON)
                .body(order(customerId, item(plenty, 5), item(scarce, 2)))
                .post("/api/orders")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/insufficient-stock"),
                        "short_products.product_id", contains(scarce),
                        "short_products[0].available", equalTo(1));

        assertEquals(0, ordersOf(customerId));
        assertEquals(50, stockOf(plenty));
        assertEquals(1, stockOf(scarce));
        assertEquals(0, heldReservations(plenty));
    }

    @Test
    void unknownProductIsUnprocessable() {
        String known = createProduct(100, 5);
        String customerId = createCustomer();
        given().contentType(ContentType.JSON)
                .body(order(customerId, item(known, 1), item("NOPE-123", 1)))
                .post("/api/orders")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/unknown-product"), "unknown_product_ids", contains("NOPE-123"));
        assertEquals(0, ordersOf(customerId));
        assertEquals(5, stockOf(known));
    }

    @Test
    void unknownCustomerIsUnprocessableAndReservesNothing() {
        String product = createProduct(100, 5);
        given().contentType(ContentType.JSON)
                .body(order(UUID.randomUUID().toString(), item(product, 1)))
                .post("/api/orders")
                .then().statusCode(422).body("type", endsWith("/unknown-customer"));
        assertEquals(5, stockOf(product));
        assertEquals(0, heldReservations(product));
    }

    @Test
    void eachValidationRuleNamesItsField() {
        String customerId = createCustomer();
        String product = createProduct(100, 5);
        expectBadRequest(order(customerId, item(product, 0)), "items[0].quantity");
        expectBadRequest(order(customerId, item(product, 1001)), "items[0].quantity");
        expectBadRequest(order(customerId), "items");
        expectBadRequest(order(customerId, item(product, 1), item(product, 2)), "items");
        expectBadRequest(order(customerId, item("sku lower", 1)), "items[0].product_id");
        expectBadRequest(Map.of("items", List.of(item(product, 1))), "customer_id");
        expectBadRequest(Map.of("customer_id", "not-a-uuid", "items", List.of(item(product, 1))), "customer_id");
        List<Map<String, Object>> tooMany = IntStream.range(0, 101).mapToObj(index -> item("SKU-" + index, 1)).toList();
        expectBadRequest(Map.of("customer_id", customerId, "items", tooMany), "items");

        given().contentType(ContentType.JSON).body("{\"customer_id\": ")
                .post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed request"), "errors", nullValue());
        given().contentType(ContentType.JSON).header("Idempotency-Key", "has spaces")
                .body(order(customerId, item(product, 1)))
                .post("/api/orders")
                .then().statusCode(400).body("errors.field", hasItem("idempotency_key"));

        assertEquals(0, ordersOf(customerId));
        assertEquals(5, stockOf(product));
    }

    @Test
    void sameIdempotencyKeyAndBodyGiveTheSameOrderOnce() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();

        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders")
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));

        assertEquals(1, ordersOf(customerId));
        assertEquals(8, stockOf(product));
        assertEquals(1, heldReservations(product));
    }

    @Test
    void aKeyWhoseRequestFailedCanBeUsedAgain() {
        String product = createProduct(100, 1);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders").then().statusCode(409).body("type", endsWith("/insufficient-stock"));

        given().baseUri(dev.reactivetracing.order.OrderServiceTests.inventoryUrl()).contentType(ContentType.JSON)
                .body(Map.of("quantity", 5)).post("/api/products/{id}/stock", product).then().statusCode(200);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders").then().statusCode(201);
        assertEquals(1, ordersOf(customerId));
    }

    @Test
    void keysBelongToTheirCustomer() {
        String product = createProduct(100, 10);
        String key = UUID.randomUUID().toString();
        for (String customerId : List.of(createCustomer(), createCustomer())) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(order(customerId, item(product, 1)))
                    .post("/api/orders").then().statusCode(201).body("customer_id", equalTo(customerId));
        }
        assertEquals(8, stockOf(product));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefused() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 2)))
                .post("/api/orders").then().statusCode(201);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order(customerId, item(product, 3)))
                .post("/api/orders")
                .then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        assertEquals(1, ordersOf(customerId));
        assertEquals(8, stockOf(product));
    }

    @Test
    void cancellingReleasesStockOnceAndIsIdempotent() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        String orderId = given().contentType(ContentType.JSON)
                .body(order(customerId, item(product, 4)))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        assertEquals(6, stockOf(product));

        given().post("/api/orders/{id}/cancel", orderId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().post("/api/orders/{id}/cancel", orderId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().get("/api/orders/{id}", orderId).then().body("status", equalTo("CANCELLED"));
        assertEquals(10, stockOf(product));
        assertEquals(0, heldReservations(product));

        given().post("/api/orders/{id}/cancel", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void ordersAreListedPerCustomerNewestFirstInBoundedPages() {
        String product = createProduct(100, 10);
        String customerId = createCustomer();
        List<String> placed = IntStream.range(0, 3).mapToObj(ignored -> given().contentType(ContentType.JSON)
                .body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().<String>path("id")).toList();

        given().queryParam("customer_id", customerId).queryParam("size", 2)
                .get("/api/orders")
                .then().statusCode(200)
                .body("orders.id", contains(placed.get(2), placed.get(1)), "size", equalTo(2));
        given().queryParam("customer_id", customerId).queryParam("size", 2).queryParam("page", 1)
                .get("/api/orders")
                .then().statusCode(200).body("orders.id", contains(placed.get(0)));
        given().queryParam("customer_id", customerId).queryParam("size", 101)
                .get("/api/orders")
                .then().statusCode(400).body("errors.field", hasItem("size"));
        given().get("/api/orders")
                .then().statusCode(400).body("errors.field", hasItem("customer_id"));
    }

    @Test
    void unknownOrderIsNotFound() {
        given().get("/api/orders/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    private static void expectBadRequest(Object body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
