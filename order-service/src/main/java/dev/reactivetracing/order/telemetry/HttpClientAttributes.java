package dev.reactivetracing.order.telemetry;

import jakarta.ws.rs.client.ClientRequestContext;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.incubating.UrlIncubatingAttributes;

/** The HTTP client semantic-convention attributes order-service's client filters set themselves. */
final class HttpClientAttributes {

    /** Set by the Quarkus REST client: the path template of the called method, e.g. /api/inventory/reservations. */
    private static final String URL_PATH_TEMPLATE_PROPERTY = "UrlPathTemplate";

    private HttpClientAttributes() {
    }

    /** Method, server and, when the REST client knows it, the path template. */
    static AttributesBuilder of(ClientRequestContext request) {
        AttributesBuilder attributes = Attributes.builder()
                .put(HttpAttributes.HTTP_REQUEST_METHOD, request.getMethod())
                .put(ServerAttributes.SERVER_ADDRESS, request.getUri().getHost())
                .put(ServerAttributes.SERVER_PORT, (long) request.getUri().getPort());
        String template = urlTemplate(request);
        if (template != null) {
            attributes.put(UrlIncubatingAttributes.URL_TEMPLATE, template);
        }
        return attributes;
    }

    static String urlTemplate(ClientRequestContext request) {
        Object template = request.getProperty(URL_PATH_TEMPLATE_PROPERTY);
        return template == null ? null : template.toString();
    }
}
