package dev.reactivetracing.order.telemetry;

import static dev.reactivetracing.order.OrderServiceTests.createCustomer;
import static dev.reactivetracing.order.OrderServiceTests.createProduct;
import static dev.reactivetracing.order.OrderServiceTests.item;
import static dev.reactivetracing.order.OrderServiceTests.order;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.testing.trace.SpanTree;

/** RED metrics, exported with the spans' resource, pointing at sampled traces through exemplars. */
@QuarkusTest
class OrderMetricsTest {

    @Inject
    InMemoryMetricExporter exporter;

    /** Every metric exported so far: the project's follow the schema (instrument, unit, attributes and values). */
    @AfterEach
    void exportedMetricsFollowTheTelemetrySchema() {
        TelemetryContract.assertMetricsConform(exporter.getFinishedMetricItems());
    }

    @Test
    void serverAndClientDurationsPointAtTheOrdersTrace() {
        String product = createProduct(100, 10);
        String traceId = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(createCustomer(), item(product, 1)))
                .post("/api/orders").then().statusCode(201).extract().header("traceresponse"));

        MetricData server = awaitPoint("http.server.request.duration",
                point -> "/api/orders".equals(attribute(point, "http.route"))
                        && Long.valueOf(201).equals(point.getAttributes().get(AttributeKey.longKey(
                                "http.response.status_code")))
                        && hasExemplarOf(point, traceId));
        assertEquals("order-service", server.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        assertEquals("test", server.getResource().getAttribute(AttributeKey.stringKey("deployment.environment.name")));

        awaitPoint("http.client.request.duration",
                point -> "/api/inventory/reservations".equals(attribute(point, "url.template"))
                        && "POST".equals(attribute(point, "http.request.method"))
                        && Long.valueOf(201).equals(point.getAttributes().get(AttributeKey.longKey(
                                "http.response.status_code")))
                        && hasExemplarOf(point, traceId));
    }

    /**
     * Canary for a workaround: the extension (Quarkus 3.33.2) traces REST client calls but does not measure them, so
     * {@code HttpClientMetricsFilter} records {@code http.client.request.duration}. When this fails, a second
     * instrumentation scope records it too: the extension measures client calls now, and the filter is redundant.
     */
    @Test
    void clientDurationsComeOnlyFromThisProjectsFilter() {
        String product = createProduct(100, 10);
        given().contentType(ContentType.JSON).body(order(createCustomer(), item(product, 1)))
                .post("/api/orders").then().statusCode(201);
        awaitPoint("http.client.request.duration", point -> true);
        List<String> scopes = exporter.getFinishedMetricItems().stream()
                .filter(metric -> metric.getName().equals("http.client.request.duration"))
                .map(metric -> metric.getInstrumentationScopeInfo().getName())
                .distinct().toList();
        assertEquals(1, scopes.size(), "instrumentation scopes recording http.client.request.duration: " + scopes);
        // Every point has the url.template the filter sets: none comes from elsewhere.
        assertTrue(exporter.getFinishedMetricItems().stream()
                .filter(metric -> metric.getName().equals("http.client.request.duration"))
                .flatMap(metric -> metric.getData().getPoints().stream())
                .allMatch(point -> attribute(point, "url.template") != null));
    }

    @Test
    void createdAndRejectedOrdersAreCountedByReason() {
        String product = createProduct(100, 1);
        String customerId = createCustomer();
        long createdBefore = settledOrdersCreated();
        given().contentType(ContentType.JSON).body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(201);
        String rejectedTrace = SpanTree.traceIdOf(given().contentType(ContentType.JSON)
                .body(order(customerId, item(product, 1)))
                .post("/api/orders").then().statusCode(409).extract().header("traceresponse"));

        await().atMost(Duration.ofSeconds(10)).until(() -> ordersCreatedSoFar() == createdBefore + 1);
        MetricData rejected = awaitPoint(OrderTelemetry.ORDERS_REJECTED,
                point -> "insufficient_stock".equals(point.getAttributes().get(ProjectAttributes.REJECTION_REASON))
                        && hasExemplarOf(point, rejectedTrace));
        assertEquals("{order}", rejected.getUnit());
        // Only the bounded reason: no ids or other request data as metric attributes.
        rejected.getData().getPoints().forEach(point -> assertEquals(
                Attributes.of(ProjectAttributes.REJECTION_REASON,
                        point.getAttributes().get(ProjectAttributes.REJECTION_REASON)),
                point.getAttributes()));
    }

    /**
     * The cumulative orders.created count once orders of earlier tests are all exported: the same value in exports
     * half a second apart (the test export interval is 200 ms).
     */
    private long settledOrdersCreated() {
        long[] last = { -1 };
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = ordersCreatedSoFar();
            boolean settled = now == last[0];
            last[0] = now;
            return settled ? now : null;
        }, value -> value != null);
    }

    /** The cumulative orders.created count in the latest export (0 before the first). */
    private long ordersCreatedSoFar() {
        List<MetricData> exported = exporter.getFinishedMetricItems();
        for (int index = exported.size() - 1; index >= 0; index--) {
            MetricData metric = exported.get(index);
            if (metric.getName().equals(OrderTelemetry.ORDERS_CREATED)) {
                return metric.getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
            }
        }
        return 0;
    }

    private MetricData awaitPoint(String metricName, Predicate<PointData> wanted) {
        MetricData[] found = new MetricData[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Optional<MetricData> match = exporter.getFinishedMetricItems().stream()
                    .filter(metric -> metric.getName().equals(metricName))
                    .filter(metric -> metric.getData().getPoints().stream().anyMatch(wanted))
                    .findFirst();
            assertTrue(match.isPresent(), () -> metricName + " has no matching point among: " + pointsOf(metricName));
            found[0] = match.get();
        });
        return found[0];
    }

    private List<String> pointsOf(String metricName) {
        return exporter.getFinishedMetricItems().stream()
                .filter(metric -> metric.getName().equals(metricName))
                .map(MetricData::getData).map(data -> data.getPoints().toString()).toList();
    }

    private static boolean hasExemplarOf(PointData point, String traceId) {
        Collection<? extends ExemplarData> exemplars = point.getExemplars();
        return exemplars.stream().map(exemplar -> exemplar.getSpanContext().getTraceId())
                .anyMatch(exemplarTrace -> Objects.equals(exemplarTrace, traceId));
    }

    private static String attribute(PointData point, String key) {
        return point.getAttributes().get(AttributeKey.stringKey(key));
    }
}
