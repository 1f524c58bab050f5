package dev.reactivetracing.localrun;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.reactivetracing.tooling.otlp.ReceivedEvent;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;

/**
 * Maps an OpenTelemetry span, as received over OTLP, to the Zipkin v2 JSON model (zipkin-api.yaml), following what
 * the OpenTelemetry Zipkin exporter does, so that Zipkin shows the services' spans as if they had exported to it
 * directly.
 */
final class ZipkinSpanMapping {

    static final String STATUS_CODE_TAG = "otel.status_code";
    static final String ERROR_TAG = "error";
    static final String SCOPE_NAME_TAG = "otel.scope.name";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ZipkinSpanMapping() {
    }

    static ObjectNode toZipkin(ReceivedSpan span) {
        ObjectNode zipkin = JSON.objectNode();
        zipkin.put("traceId", span.traceId());
        zipkin.put("id", span.spanId());
        if (!span.isRoot()) {
            zipkin.put("parentId", span.parentSpanId());
        }
        zipkin.put("name", span.name());
        // Zipkin has no INTERNAL kind: a span without kind is a local one.
        if (span.kind() != SpanKind.INTERNAL) {
            zipkin.put("kind", span.kind().name());
        }
        long startMicros = micros(span.startEpochNanos());
        zipkin.put("timestamp", startMicros);
        // Zipkin reads a duration of 0 as "unknown": anything that ran took at least a microsecond.
        zipkin.put("duration", Math.max(1, micros(span.endEpochNanos()) - startMicros));
        zipkin.putObject("localEndpoint").put("serviceName", span.serviceName());
        remoteEndpoint(span).ifPresent(endpoint -> zipkin.set("remoteEndpoint", endpoint));
        if (!span.events().isEmpty()) {
            var annotations = zipkin.putArray("annotations");
            for (ReceivedEvent event : span.events()) {
                annotations.addObject().put("timestamp", micros(event.epochNanos())).put("value", event.name());
            }
        }
        ObjectNode tags = zipkin.putObject("tags");
        span.attributes().forEach((key, value) -> tags.put(key, tagValue(value)));
        tags.put(SCOPE_NAME_TAG, span.scopeName());
        if (!span.statusCode().equals("UNSET")) {
            tags.put(STATUS_CODE_TAG, span.statusCode());
        }
        // Zipkin marks a span failed by the presence of an "error" tag; its value is the reason.
        if (span.statusCode().equals("ERROR") && !span.attributes().containsKey(ERROR_TAG)) {
            tags.put(ERROR_TAG, span.statusMessage());
        }
        // Links have no Zipkin counterpart and are left out, as the OpenTelemetry Zipkin exporter does.
        return zipkin;
    }

    /**
     * The other side of a remote call. For an outgoing span (CLIENT, PRODUCER) that is the server: named by
     * {@code peer.service}, else for a database call by its system ({@code db.system.name}, or {@code db.system} of
     * older conventions) so that Zipkin's dependency graph shows "postgresql" rather than a host name, else by
     * {@code server.address}; at {@code network.peer.address} and {@code server.port}.
     * For an incoming span (SERVER, CONSUMER) it is the caller, at {@code network.peer.address} or
     * {@code client.address}; its {@code server.address} names this service's own host, not the remote one.
     */
    private static Optional<ObjectNode> remoteEndpoint(ReceivedSpan span) {
        Map<String, Object> attributes = span.attributes();
        boolean outgoing = span.kind() == SpanKind.CLIENT || span.kind() == SpanKind.PRODUCER;
        boolean incoming = span.kind() == SpanKind.SERVER || span.kind() == SpanKind.CONSUMER;
        if (!outgoing && !incoming) {
            return Optional.empty();
        }
        String serviceName = outgoing
                ? first(attributes, "peer.service", "db.system.name", "db.system", "server.address")
                : null;
        String address = outgoing
                ? first(attributes, "network.peer.address")
                : first(attributes, "network.peer.address", "client.address");
        String port = outgoing
                ? first(attributes, "server.port", "network.peer.port")
                : first(attributes, "network.peer.port", "client.port");
        if (serviceName == null && address == null) {
            return Optional.empty();
        }
        ObjectNode endpoint = JSON.objectNode();
        if (serviceName != null) {
            endpoint.put("serviceName", serviceName);
        }
        if (address != null && IPV4.matcher(address).matches()) {
            endpoint.put("ipv4", address);
        } else if (address != null && IPV6.matcher(address).matches()) {
            endpoint.put("ipv6", address);
        }
        if (port != null && port.chars().allMatch(Character::isDigit)) {
            endpoint.put("port", Integer.parseInt(port));
        }
        return endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint);
    }

    private static String first(Map<String, Object> attributes, String... keys) {
        for (String key : keys) {
            Object value = attributes.get(key);
            if (value != null && !value.toString().isEmpty()) {
                return value.toString();
            }
        }
        return null;
    }

    /** Zipkin tags are strings: arrays are joined with commas, as the OpenTelemetry Zipkin exporter does. */
    private static String tagValue(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    private static long micros(long epochNanos) {
        return TimeUnit.NANOSECONDS.toMicros(epochNanos);
    }
}
