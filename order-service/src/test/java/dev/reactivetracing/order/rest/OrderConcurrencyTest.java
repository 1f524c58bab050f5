package dev.reactivetracing.order.rest;

import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.heldReservations;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static dev.reactivetracing.order.OrderServiceTests.ordersOf;
import static dev.reactivetracing.order.OrderServiceTests.stockOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Many clients at once, through both real services: what stock and idempotency promise must hold. */
@QuarkusTest
class OrderConcurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/orders")
    URL ordersUrl;

    @Test
    void fiftyConcurrentOrdersForTenUnitsSellExactlyTen() throws Exception {
        String product = createProduct(500, 10);
        List<String> customers = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            customers.add(createCustomer());
        }
        AtomicInteger lowestStockSeen = new AtomicInteger(Integer.MAX_VALUE);
        ScheduledExecutorService stockWatcher = Executors.newSingleThreadScheduledExecutor();
        stockWatcher.scheduleAtFixedRate(() -> lowestStockSeen.accumulateAndGet(stockOf(product), Math::min),
                0, 20, TimeUnit.MILLISECONDS);

        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int attempt = 0; attempt < 50; attempt++) {
            String body = JSON.writeValueAsString(order(customers.get(attempt % 5), item(product, 1)));
            responses.add(client.sendAsync(post(body, null), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        for (CompletableFuture<HttpResponse<String>> pending : responses) {
            HttpResponse<String> response = pending.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 201) {
                created++;
            } else {
                assertEquals(409, response.statusCode(), "every loser gets 409, not: " + response.body());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                assertTrue(response.body().contains("insufficient-stock"), response.body());
            }
        }
        stockWatcher.shutdownNow();

        assertEquals(10, created);
        assertEquals(0, stockOf(product));
        assertTrue(lowestStockSeen.get() >= 0, "stock went negative: " + lowestStockSeen.get());
        assertEquals(10, customers.stream().mapToInt(customer -> ordersOf(customer)).sum());
        assertEquals(10, heldReservations(product));
    }

    @Test
    void concurrentDuplicatesWithOneIdempotencyKeyCreateOneOrderAndTakeStockOnce() throws Exception {
        // Exactly enough stock for one order: a duplicate that reserved stock of its own would be refused for it.
        String product = createProduct(700, 3);
        String customerId = createCustomer();
        String key = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(order(customerId, item(product, 3)));

        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            responses.add(client.sendAsync(post(body, key), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> orderIds = new HashSet<>();
        int inProgress = 0;
        for (CompletableFuture<HttpResponse<String>> pending : responses) {
            HttpResponse<String> response = pending.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 409) {
                // The Idempotency-Key draft's answer while the first request runs; never "insufficient stock".
                assertTrue(response.body().contains("idempotency-key-in-progress"), response.body());
                inProgress++;
            } else {
                assertEquals(201, response.statusCode(), response.body());
                orderIds.add(JSON.readTree(response.body()).get("id").asText());
            }
        }

        assertEquals(1, orderIds.size(), "one order for the key; " + inProgress + " answered in progress");
        assertEquals(1, ordersOf(customerId));
        assertEquals(0, stockOf(product));
        assertEquals(1, heldReservations(product));
        // Once it is done, the same request replays the order.
        HttpResponse<String> replay = client.send(post(body, key), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, replay.statusCode(), replay.body());
        assertEquals(orderIds.iterator().next(), JSON.readTree(replay.body()).get("id").asText());
    }

    private HttpRequest post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ordersUrl.toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }
}
