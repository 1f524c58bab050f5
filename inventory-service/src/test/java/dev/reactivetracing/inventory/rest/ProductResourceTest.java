package dev.reactivetracing.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.inventory.InventoryDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ProductResourceTest {

    @Test
    void createdProductCanBeReadBack() {
        String id = InventoryDatabase.newProductId();
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Grinder", "price_cents", 14900, "stock", 3))
                .post("/api/products")
                .then().statusCode(201)
                .header("Location", endsWith("/api/products/" + id))
                .body("id", equalTo(id), "price_cents", equalTo(14900), "stock", equalTo(3));

        given().get("/api/products/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("Grinder"), "stock", equalTo(3));
    }

    @Test
    void creatingAnExistingProductIsAConflict() {
        String id = InventoryApiCalls.createProduct(100, 1);
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Again", "price_cents", 200, "stock", 5))
                .post("/api/products")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/product-exists"), "status", equalTo(409));
        given().get("/api/products/{id}", id).then().body("price_cents", equalTo(100));
    }

    @Test
    void invalidProductNamesEveryOffendingField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "lower-case", "name", "", "price_cents", -1, "stock", -5))
                .post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"),
                        "errors.field", hasItems("id", "name", "price_cents", "stock"));
    }

    @Test
    void unknownProductIsNotFoundAsProblem() {
        given().get("/api/products/{id}", "NOPE-1")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404), "detail", equalTo("Product 'NOPE-1' does not exist."),
                        "trace_id", notNullValue(), "request_id", notNullValue());
    }

    @Test
    void addingStockIncreasesIt() {
        String id = InventoryApiCalls.createProduct(100, 2);
        given().contentType(ContentType.JSON).body(Map.of("quantity", 5))
                .post("/api/products/{id}/stock", id)
                .then().statusCode(200).body("stock", equalTo(7));
        given().contentType(ContentType.JSON).body(Map.of("quantity", 0))
                .post("/api/products/{id}/stock", id)
                .then().statusCode(400).body("errors.field", hasItem("quantity"));
        given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .post("/api/products/{id}/stock", "NOPE-2")
                .then().statusCode(404);
    }

    @Test
    void stockCannotGrowBeyondTheMaximum() {
        String id = InventoryApiCalls.createProduct(100, 999_999_999);
        given().contentType(ContentType.JSON).body(Map.of("quantity", 2))
                .post("/api/products/{id}/stock", id)
                .then().statusCode(422).body("type", endsWith("/stock-limit"));
        org.junit.jupiter.api.Assertions.assertEquals(999_999_999, InventoryDatabase.stockOf(id));
    }

    @Test
    void pageSizeIsBounded() {
        given().get("/api/products?size=101")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("size"));
        given().get("/api/products?size=2&page=0")
                .then().statusCode(200).body("products.size()", equalTo(2), "size", equalTo(2));
    }

    @Test
    void malformedJsonIsABadRequestProblemWithoutInternals() {
        given().contentType(ContentType.JSON).body("{\"id\": \"SKU-1\", ")
                .post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request"), "stack_trace", nullValue());
        given().contentType(ContentType.JSON).body("{\"id\": \"SKU-1\", \"name\": \"x\", \"price_cents\": \"ten\"}")
                .post("/api/products")
                .then().statusCode(400)
                .body("errors.field", hasItem("price_cents"));
    }

    @Test
    void unknownRouteIsAProblemToo() {
        given().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
