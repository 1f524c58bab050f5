package dev.reactivetracing.order;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.reactivetracing.testing.ApplicationDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;

/**
 * Declares the run's test resources (global) and the helpers the tests share: products at the real
 * inventory-service, customers, orders, and direct looks at both databases.
 */
@WithTestResource(value = OrderServiceTestResources.class, scope = TestResourceScope.GLOBAL)
public final class OrderServiceTests {

    private OrderServiceTests() {
    }

    /** The real inventory-service (not the proxy some fault tests route the client through). */
    public static String inventoryUrl() {
        return InventoryServiceProcess.shared().baseUrl();
    }

    public static String createProduct(long priceCents, int stock) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().baseUri(inventoryUrl()).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Test product " + id, "price_cents", priceCents, "stock", stock))
                .post("/api/products")
                .then().statusCode(201);
        return id;
    }

    public static String createCustomer() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Test Customer", "email", "customer-" + UUID.randomUUID() + "@example.com"))
                .post("/api/customers")
                .then().statusCode(201).extract().path("id");
    }

    @SafeVarargs
    public static Map<String, Object> order(String customerId, Map<String, Object>... items) {
        return Map.of("customer_id", customerId, "items", List.of(items));
    }

    public static Map<String, Object> item(String productId, int quantity) {
        return Map.of("product_id", productId, "quantity", quantity);
    }

    public static int stockOf(String productId) {
        return Integer.parseInt(InventoryServiceProcess.postgres().queryForString(InventoryServiceProcess.DATABASE,
                "SELECT stock FROM product WHERE id = '" + productId + "'"));
    }

    /** Reservations of a product that still hold stock at inventory-service. */
    public static int heldReservations(String productId) {
        return Integer.parseInt(InventoryServiceProcess.postgres().queryForString(InventoryServiceProcess.DATABASE, """
                SELECT count(*) FROM reservation r JOIN reservation_item i ON i.reservation_id = r.id
                WHERE i.product_id = '%s' AND r.status IN ('RESERVED', 'CONFIRMED')""".formatted(productId)));
    }

    public static int countInOrders(String sql) {
        return ApplicationDatabase.count(sql);
    }

    public static int ordersOf(String customerId) {
        return countInOrders("SELECT count(*) FROM customer_order WHERE customer_id = '" + customerId + "'");
    }

    public static String configValue(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
