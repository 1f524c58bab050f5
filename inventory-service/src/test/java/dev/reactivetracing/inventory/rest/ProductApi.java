package dev.reactivetracing.inventory.rest;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.reactivetracing.inventory.InventoryDatabase;
import io.restassured.http.ContentType;

/** Test-side calls to the product API. */
final class ProductApi {

    private ProductApi() {
    }

    static String createProduct(long priceCents, int stock) {
        String id = InventoryDatabase.newProductId();
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Test product " + id, "price_cents", priceCents, "stock", stock))
                .post("/api/products")
                .then().statusCode(201);
        return id;
    }
}
