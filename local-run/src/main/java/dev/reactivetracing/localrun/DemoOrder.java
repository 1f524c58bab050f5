package dev.reactivetracing.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Places the demo order through order-service's public API, as a user's first curl would: registers a customer, then
 * orders two catalogue products, which order-service reserves at inventory-service. One trace across both services.
 */
final class DemoOrder {

    private final String orderServiceUrl;
    private final HttpClient http;
    private final ObjectMapper json;

    DemoOrder(String orderServiceUrl, HttpClient http, ObjectMapper json) {
        this.orderServiceUrl = orderServiceUrl;
        this.http = http;
        this.json = json;
    }

    /** @throws DemoOrderFailedException with the request and the service's answer */
    Placed place() throws IOException, InterruptedException {
        ObjectNode customer = json.createObjectNode()
                .put("name", "Demo Customer")
                // E-mail addresses are unique: a fresh one per run also works on a kept database.
                .put("email", "demo+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String customerId = post("/api/customers", customer).body().path("id").asText();

        ObjectNode order = json.createObjectNode().put("customer_id", customerId);
        order.putArray("items")
                .add(json.createObjectNode().put("product_id", "SKU-1001").put("quantity", 2))
                .add(json.createObjectNode().put("product_id", "SKU-1004").put("quantity", 1));
        Answer placed = post("/api/orders", order);
        TraceResponse trace = TraceResponse.parse(placed.traceResponse())
                .orElseThrow(() -> new DemoOrderFailedException("POST /api/orders answered without a valid "
                        + TraceResponse.HEADER + " header (got " + placed.traceResponse() + ")"));
        return new Placed(customerId, placed.body().path("id").asText(), placed.body().path("status").asText(),
                placed.body().path("total_cents").asLong(), trace);
    }

    private Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(orderServiceUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new DemoOrderFailedException("POST " + path + " " + body + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return new Answer(json.readTree(response.body()),
                response.headers().firstValue(TraceResponse.HEADER).orElse(null));
    }

    private record Answer(JsonNode body, String traceResponse) {
    }

    /** The demo order as order-service confirmed it, and the trace it started. */
    record Placed(String customerId, String orderId, String status, long totalCents, TraceResponse trace) {
    }

    static final class DemoOrderFailedException extends RuntimeException {

        DemoOrderFailedException(String message) {
            super(message);
        }
    }
}
