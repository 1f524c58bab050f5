package dev.reactivetracing.order.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.order.OrderServiceTests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class CustomerResourceTest {

    @Test
    void registeredCustomerCanBeReadAndDeleted() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        ExtractableResponse<Response> created = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ada", "email", email))
                .post("/api/customers")
                .then().statusCode(201)
                .body("name", equalTo("Ada"), "email", equalTo(email))
                .extract();
        String id = created.path("id");
        org.junit.jupiter.api.Assertions.assertTrue(created.header("Location").endsWith("/api/customers/" + id));

        given().get("/api/customers/{id}", id).then().statusCode(200).body("email", equalTo(email));
        given().delete("/api/customers/{id}", id).then().statusCode(204);
        given().get("/api/customers/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/customers/{id}", id).then().statusCode(404);
    }

    @Test
    void emailAddressesAreUniqueWhateverTheirCase() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON).body(Map.of("name", "Grace", "email", email))
                .post("/api/customers").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "Grace", "email", email.toUpperCase()))
                .post("/api/customers")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/email-taken"), "detail", not(containsString("@")));
    }

    @Test
    void invalidCustomerNamesTheFields() {
        given().contentType(ContentType.JSON).body(Map.of("name", " ", "email", "not-an-address"))
                .post("/api/customers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "email"));
    }

    @Test
    void customerWithOrdersCannotBeDeleted() {
        String customerId = OrderServiceTests.createCustomer();
        String product = OrderServiceTests.createProduct(100, 5);
        given().contentType(ContentType.JSON)
                .body(OrderServiceTests.order(customerId, OrderServiceTests.item(product, 1)))
                .post("/api/orders").then().statusCode(201);

        given().delete("/api/customers/{id}", customerId)
                .then().statusCode(409).body("type", endsWith("/customer-has-orders"));
        given().get("/api/customers/{id}", customerId).then().statusCode(200);
    }
}
