package dev.reactivetracing.inventory.repository;

import static dev.reactivetracing.inventory.rest.InventoryApiCalls.line;
import static dev.reactivetracing.inventory.rest.InventoryApiCalls.reservation;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.inventory.InventoryDatabase;
import dev.reactivetracing.testing.ApplicationDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The {@code reserve_stock} function at the moments a concurrent test can only hope to hit: another transaction holds
 * the last units' row lock while a reservation that already passed its look at the stock waits for it.
 */
@QuarkusTest
class ReserveStockFunctionTest {

    @Test
    void aReservationThatLosesTheRaceForTheLastUnitGivesBackEveryLineItTook() throws Exception {
        // Ids chosen so that the ample product is taken first (rows are taken in id order).
        String ample = "AA-" + suffix();
        String scarce = "ZZ-" + suffix();
        createProduct(ample, 50);
        createProduct(scarce, 1);
        String orderId = UUID.randomUUID().toString();

        try (Connection rival = connect()) {
            rival.setAutoCommit(false);
            try (Statement takeLastUnit = rival.createStatement()) {
                takeLastUnit.executeUpdate("UPDATE product SET stock = 0 WHERE id = '" + scarce + "'");
            }
            // Committed data still shows one unit, so the call passes its look, takes the ample product, then waits.
            CompletableFuture<List<String>> call = CompletableFuture.supplyAsync(() -> reserveStock(orderId,
                    List.of(ample, scarce), List.of(3, 1)));
            awaitLockWait(scarce);
            rival.commit();

            List<String> outcome = call.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("short " + scarce + " requested 1 available 0"), outcome);
        }
        assertEquals(50, InventoryDatabase.stockOf(ample), "the ample product's units came back");
        assertEquals(0, InventoryDatabase.stockOf(scarce));
        assertEquals(0, InventoryDatabase.count("SELECT count(*) FROM reservation WHERE order_id = '" + orderId + "'"),
                "no reservation row is left behind, so the order may try again");
        // ... and it can: once stock is back, the same order reserves.
        given().contentType(ContentType.JSON).body(Map.of("quantity", 1)).post("/api/products/{id}/stock", scarce)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(reservation(orderId, line(ample, 3), line(scarce, 1)))
                .post("/api/inventory/reservations").then().statusCode(201);
        assertEquals(47, InventoryDatabase.stockOf(ample));
    }

    @Test
    void aRequestThatCannotBeServedIsRefusedWithoutWaitingForTheRowLock() throws Exception {
        String soldOut = "SO-" + suffix();
        createProduct(soldOut, 0);
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.executeQuery("SELECT stock FROM product WHERE id = '" + soldOut + "' FOR UPDATE").close();
            }
            // Had it queued behind the lock, it would still be waiting when this gives up (the lock is held until the
            // rollback below).
            List<String> outcome = CompletableFuture.supplyAsync(() -> reserveStock(UUID.randomUUID().toString(),
                    List.of(soldOut), List.of(1))).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("short " + soldOut + " requested 1 available 0"), outcome);
            holder.rollback();
        }
    }

    private static List<String> reserveStock(String orderId, List<String> productIds, List<Integer> quantities) {
        try (Connection connection = connect();
                PreparedStatement call = connection.prepareStatement(
                        "SELECT outcome, product_id, quantity, available FROM reserve_stock(?, ?, ?, ?, ?)")) {
            call.setObject(1, UUID.randomUUID());
            call.setString(2, orderId);
            call.setDouble(3, 900);
            call.setArray(4, connection.createArrayOf("text", productIds.toArray()));
            call.setArray(5, connection.createArrayOf("integer", quantities.toArray()));
            List<String> rows = new ArrayList<>();
            try (ResultSet result = call.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString("outcome") + " " + result.getString("product_id") + " requested "
                            + result.getInt("quantity") + " available " + result.getInt("available"));
                }
            }
            return rows;
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Waits until some session waits for a row lock of the product (the function's UPDATE). */
    private static void awaitLockWait(String productId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int waiting = InventoryDatabase.count("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE '%reserve_stock%'""");
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the reservation never waited for the row lock of " + productId);
    }

    private static void createProduct(String id, int stock) {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Race product " + id, "price_cents", 100, "stock", stock))
                .post("/api/products").then().statusCode(201);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static Connection connect() throws SQLException {
        return ApplicationDatabase.connect();
    }
}
