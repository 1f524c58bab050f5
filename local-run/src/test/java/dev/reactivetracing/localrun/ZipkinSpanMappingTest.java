package dev.reactivetracing.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.tooling.otlp.ReceivedEvent;
import dev.reactivetracing.tooling.otlp.ReceivedLink;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;

class ZipkinSpanMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final long START_NANOS = 1_700_000_000_123_456_789L;

    @Test
    void serverSpanBecomesAZipkinServerSpanWithItsCallerAsRemoteEndpoint() throws Exception {
        ReceivedSpan server = span("", "00f067aa0ba902b7", "POST /api/orders", SpanKind.SERVER,
                Map.of("http.route", "/api/orders", "http.response.status_code", 201L,
                        "server.address", "localhost", "network.peer.address", "127.0.0.1",
                        "network.peer.port", 51234L),
                "UNSET", "");

        assertEquals(JSON.readTree("""
                {
                  "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
                  "id": "00f067aa0ba902b7",
                  "name": "POST /api/orders",
                  "kind": "SERVER",
                  "timestamp": 1700000000123456,
                  "duration": 2500,
                  "localEndpoint": {"serviceName": "order-service"},
                  "remoteEndpoint": {"ipv4": "127.0.0.1", "port": 51234},
                  "tags": {
                    "http.route": "/api/orders",
                    "http.response.status_code": "201",
                    "server.address": "localhost",
                    "network.peer.address": "127.0.0.1",
                    "network.peer.port": "51234",
                    "otel.scope.name": "io.quarkus.opentelemetry"
                  }
                }
                """), asSent(ZipkinSpanMapping.toZipkin(server)));
    }

    @Test
    void clientSpanNamesTheServerItCallsAsRemoteEndpoint() throws Exception {
        ReceivedSpan client = span("00f067aa0ba902b7", "b9c7c989f97918e1", "POST", SpanKind.CLIENT,
                Map.of("server.address", "localhost", "server.port", 8081L, "network.peer.address", "::1"),
                "UNSET", "");

        JsonNode zipkin = ZipkinSpanMapping.toZipkin(client);

        assertEquals("00f067aa0ba902b7", zipkin.path("parentId").asText());
        assertEquals("CLIENT", zipkin.path("kind").asText());
        assertEquals(JSON.readTree("{\"serviceName\": \"localhost\", \"ipv6\": \"::1\", \"port\": 8081}"),
                asSent(zipkin.path("remoteEndpoint")));
    }

    @Test
    void peerServiceWinsOverServerAddressAsRemoteServiceName() {
        ReceivedSpan client = span("00f067aa0ba902b7", "b9c7c989f97918e1", "SELECT", SpanKind.CLIENT,
                Map.of("peer.service", "postgresql", "server.address", "db.internal"), "UNSET", "");

        assertEquals("postgresql", ZipkinSpanMapping.toZipkin(client).path("remoteEndpoint").path("serviceName")
                .asText());
    }

    @Test
    void databaseCallsNameTheDatabaseSystemAsRemoteService() throws Exception {
        ReceivedSpan query = span("00f067aa0ba902b7", "b9c7c989f97918e1", "SELECT product", SpanKind.CLIENT,
                Map.of("db.system.name", "postgresql", "server.address", "localhost", "server.port", 5432L),
                "UNSET", "");

        assertEquals(JSON.readTree("{\"serviceName\": \"postgresql\", \"port\": 5432}"),
                asSent(ZipkinSpanMapping.toZipkin(query).path("remoteEndpoint")));
    }

    @Test
    void internalSpanHasNoKindAndNoRemoteEndpoint() {
        ReceivedSpan internal = span("00f067aa0ba902b7", "b9c7c989f97918e1", "reserve stock", SpanKind.INTERNAL,
                Map.of("server.address", "localhost"), "UNSET", "");

        JsonNode zipkin = ZipkinSpanMapping.toZipkin(internal);

        assertFalse(zipkin.has("kind"));
        assertFalse(zipkin.has("remoteEndpoint"));
    }

    @Test
    void errorStatusBecomesTheErrorTagWithItsMessage() {
        ReceivedSpan failed = span("", "00f067aa0ba902b7", "POST /api/orders", SpanKind.SERVER, Map.of(),
                "ERROR", "inventory-service unavailable");

        JsonNode tags = ZipkinSpanMapping.toZipkin(failed).path("tags");

        assertEquals("ERROR", tags.path("otel.status_code").asText());
        assertEquals("inventory-service unavailable", tags.path("error").asText());
    }

    @Test
    void okStatusIsTaggedButIsNoError() {
        JsonNode tags = ZipkinSpanMapping.toZipkin(
                span("", "00f067aa0ba902b7", "work", SpanKind.INTERNAL, Map.of(), "OK", "")).path("tags");

        assertEquals("OK", tags.path("otel.status_code").asText());
        assertFalse(tags.has("error"));
    }

    @Test
    void unsetStatusAddsNoStatusTags() {
        JsonNode tags = ZipkinSpanMapping.toZipkin(
                span("", "00f067aa0ba902b7", "work", SpanKind.INTERNAL, Map.of(), "UNSET", "")).path("tags");

        assertFalse(tags.has("otel.status_code"));
        assertFalse(tags.has("error"));
    }

    @Test
    void attributesOfEveryTypeBecomeStringTagsWithArraysJoinedByCommas() {
        ReceivedSpan span = span("", "00f067aa0ba902b7", "work", SpanKind.INTERNAL, Map.of(
                "order.products", List.of("SKU-1001", "SKU-1004"),
                "order.quantities", List.of(2L, 1L),
                "order.total", 55.7,
                "order.first", true), "UNSET", "");

        JsonNode tags = ZipkinSpanMapping.toZipkin(span).path("tags");

        assertEquals("SKU-1001,SKU-1004", tags.path("order.products").asText());
        assertEquals("2,1", tags.path("order.quantities").asText());
        assertEquals("55.7", tags.path("order.total").asText());
        assertEquals("true", tags.path("order.first").asText());
        tags.forEach(value -> assertEquals(true, value.isTextual(), "every Zipkin tag is a string: " + tags));
    }

    @Test
    void eventsBecomeAnnotationsNamedAfterTheEvent() throws Exception {
        ReceivedSpan span = new ReceivedSpan("order-service", Map.of(), "test", TRACE_ID, "00f067aa0ba902b7", "",
                "work", SpanKind.INTERNAL, START_NANOS, START_NANOS + 5_000_000, Map.of(), "UNSET", "",
                List.of(new ReceivedEvent("exception", START_NANOS + 1_000_000, Map.of("exception.type", "X"))),
                List.of(new ReceivedLink(TRACE_ID, "b9c7c989f97918e1", Map.of())));

        JsonNode zipkin = ZipkinSpanMapping.toZipkin(span);

        assertEquals(JSON.readTree("[{\"timestamp\": 1700000000124456, \"value\": \"exception\"}]"),
                asSent(zipkin.path("annotations")));
    }

    @Test
    void aSpanShorterThanAMicrosecondLastsOneMicrosecond() {
        ReceivedSpan instant = new ReceivedSpan("order-service", Map.of(), "test", TRACE_ID, "00f067aa0ba902b7", "",
                "work", SpanKind.INTERNAL, START_NANOS, START_NANOS + 200, Map.of(), "UNSET", "", List.of(),
                List.of());

        assertEquals(1, ZipkinSpanMapping.toZipkin(instant).path("duration").asLong());
    }

    /** As Zipkin reads it: written and parsed again, so that numbers compare by value, not by Java type. */
    private static JsonNode asSent(JsonNode zipkin) {
        try {
            return JSON.readTree(JSON.writeValueAsString(zipkin));
        } catch (Exception impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** A span of 2.5 ms of order-service, attributes in the given order. */
    private static ReceivedSpan span(String parentSpanId, String spanId, String name, SpanKind kind,
            Map<String, Object> attributes, String statusCode, String statusMessage) {
        return new ReceivedSpan("order-service", Map.of("service.name", "order-service"), "io.quarkus.opentelemetry",
                TRACE_ID, spanId, parentSpanId, name, kind, START_NANOS, START_NANOS + 2_500_000, attributes,
                statusCode, statusMessage, List.of(), List.of());
    }
}
