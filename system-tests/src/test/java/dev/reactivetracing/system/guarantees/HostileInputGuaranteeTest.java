package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.createProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.system.guarantees.HostileRequests.HostileRequest;

/**
 * A generated corpus of at least 1,000 malformed or hostile requests per service, each sent plainly and again with
 * hostile tracing headers: every answer is a 4xx problem+json (413, 415, 404 and 405 where the rule is that
 * specific), none is a 5xx, and the databases of both services are exactly as they were.
 */
class HostileInputGuaranteeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Sent with the second pass of the corpus: tracing headers as broken as the bodies. */
    private static final List<String> HOSTILE_TRACING_HEADERS = List.of(
            "traceparent", "00-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-zzzzzzzzzzzzzzzz-01",
            "tracestate", "=".repeat(600),
            "b3", "not-a-b3-header",
            "baggage", "k=v;;;,=,%ZZ=%ZZ,x",
            "x-request-id", "' OR 1=1 -- <script>alert(1)</script>",
            "x-force-trace", "maybe");

    @AutoClose
    private static RunningSystem system;
    private static String customerId;
    private static String productId;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("hostileinput", Map.of("OTEL_TRACES_SAMPLER_ARG", "0.1"), Map.of());
        productId = createProduct(system.inventory.baseUrl(), 1_000, 50);
        customerId = createCustomer(system.order.baseUrl(), "Corpus Customer", "corpus@example.com");
    }

    @Test
    void everyHostileRequestIsRefusedWithProblemJsonAndChangesNothing() {
        String before = SystemState.digest(system);
        List<String> wrong = new ArrayList<>();
        int orderServiceInputs = sendAll(system.order.baseUrl(),
                HostileRequests.forOrderService(customerId, productId), wrong);
        int inventoryServiceInputs = sendAll(system.inventory.baseUrl(),
                HostileRequests.forInventoryService(productId), wrong);
        String after = SystemState.digest(system);

        Guarantees.add(Figure.INPUTS_TRIED, orderServiceInputs + inventoryServiceInputs);
        assertTrue(orderServiceInputs >= 1_000, "order-service inputs: " + orderServiceInputs);
        assertTrue(inventoryServiceInputs >= 1_000, "inventory-service inputs: " + inventoryServiceInputs);
        assertTrue(wrong.isEmpty(), wrong.size() + " answers broke the rules, e.g.:\n"
                + String.join("\n", wrong.subList(0, Math.min(25, wrong.size()))));
        assertEquals(before, after, "a refused request changed the data");
    }

    /** Sends each request twice (plain, then with hostile tracing headers); returns how many were sent. */
    private static int sendAll(String baseUrl, List<HostileRequest> corpus, List<String> wrong) {
        int sent = 0;
        for (boolean hostileHeaders : List.of(false, true)) {
            for (HostileRequest request : corpus) {
                HttpResponse<String> response = send(baseUrl, request, hostileHeaders);
                sent++;
                int status = response.statusCode();
                if (status >= 500) {
                    Guarantees.add(Figure.SERVER_ERRORS, 1);
                } else {
                    Guarantees.add(Figure.SERVER_ERRORS, 0);
                }
                String contentType = response.headers().firstValue("content-type").orElse("(none)");
                boolean statusAsRequired = request.expectedStatus() == 0
                        ? status >= 400 && status < 500
                        : status == request.expectedStatus();
                if (!statusAsRequired || !contentType.startsWith("application/problem+json")) {
                    wrong.add(status + " " + contentType + " for " + request + " -> "
                            + abbreviate(response.body()));
                }
            }
        }
        return sent;
    }

    private static HttpResponse<String> send(String baseUrl, HostileRequest request, boolean hostileHeaders) {
        HttpRequest.BodyPublisher body = request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : request.chunked() ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(request.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), body);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (hostileHeaders) {
            builder.headers(HOSTILE_TRACING_HEADERS.toArray(String[]::new));
        }
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new AssertionError("No answer to " + request, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
