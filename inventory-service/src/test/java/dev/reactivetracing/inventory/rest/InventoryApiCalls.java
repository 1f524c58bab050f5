package dev.reactivetracing.inventory.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import dev.reactivetracing.inventory.InventoryDatabase;
import io.restassured.http.ContentType;

/** Test-side calls to inventory-service's API and the bodies they send. */
public final class InventoryApiCalls {

    private InventoryApiCalls() {
    }

    public static String createProduct(long priceCents, int stock) {
        String id = InventoryDatabase.newProductId();
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Test product " + id, "price_cents", priceCents, "stock", stock))
                .post("/api/products")
                .then().statusCode(201);
        return id;
    }

    @SafeVarargs
    public static Map<String, Object> reservation(String orderId, Map<String, Object>... lines) {
        return Map.of("order_id", orderId, "items", List.of(lines));
    }

    public static Map<String, Object> line(String productId, int quantity) {
        return Map.of("product_id", productId, "quantity", quantity);
    }
}
