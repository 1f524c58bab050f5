package dev.reactivetracing.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The public APIs, as a client calls them: JSON over HTTP, headers of the caller's choice. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * Keep-alive HTTP/1.1 connections, never upgraded to HTTP/2 (h2c): what a load balancer or ingress proxy opens to
     * an instance. The default client above upgrades and multiplexes every request on one connection.
     */
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Api() {
    }

    public static String createProduct(String inventoryUrl, long priceCents, int stock) {
        String id = "S-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        expect(201, post(inventoryUrl + "/api/products",
                Map.of("id", id, "name", "System test product", "price_cents", priceCents, "stock", stock)));
        return id;
    }

    public static String createCustomer(String orderUrl, String name, String email) {
        return body(expect(201, post(orderUrl + "/api/customers", Map.of("name", name, "email", email))))
                .get("id").asText();
    }

    public static Map<String, Object> order(String customerId, String productId, int quantity) {
        return Map.of("customer_id", customerId,
                "items", List.of(Map.of("product_id", productId, "quantity", quantity)));
    }

    public static HttpResponse<String> post(String url, Object body, String... headers) {
        try {
            return send(HTTP, postRequest(url, body, headers));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** {@link #post}, over HTTP/1.1 keep-alive connections, as a load balancer sends. */
    public static HttpResponse<String> postOverHttp11(String url, Object body, String... headers) {
        try {
            return send(HTTP_1_1, postRequest(url, body, headers));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public static CompletableFuture<HttpResponse<String>> postAsync(String url, Object body, String... headers) {
        try {
            return HTTP.sendAsync(postRequest(url, body, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public static HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(HTTP, request.build());
    }

    public static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("Expected " + status + " from " + response.uri() + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    public static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The trace id and sampled flag from the W3C traceresponse header. */
    public static String traceIdOf(HttpResponse<String> response) {
        return response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    }

    public static boolean sampled(HttpResponse<String> response) {
        return response.headers().firstValue("traceresponse").orElseThrow().endsWith("-01");
    }

    private static HttpRequest postRequest(String url, Object body, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
