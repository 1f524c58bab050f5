package dev.reactivetracing.order.telemetry;

import jakarta.ws.rs.client.ClientRequestContext;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/** The HTTP client semantic-convention attributes order-service's client filters set themselves. */
final class HttpClientAttributes {

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    /** Set by the Quarkus REST client: the path template of the called method, e.g. /api/inventory/reservations. */
    private static final String URL_PATH_TEMPLATE_PROPERTY = "UrlPathTemplate";

    private HttpClientAttributes() {
    }

    /** Method, server and, when the REST client knows it, the path template. */
    static AttributesBuilder of(ClientRequestContext request) {
        AttributesBuilder attributes = Attributes.builder()
                .put(HTTP_REQUEST_METHOD, request.getMethod())
                .put(SERVER_ADDRESS, request.getUri().getHost())
                .put(SERVER_PORT, (long) request.getUri().getPort());
        String template = urlTemplate(request);
        if (template != null) {
            attributes.put(URL_TEMPLATE, template);
        }
        return attributes;
    }

    static String urlTemplate(ClientRequestContext request) {
        Object template = request.getProperty(URL_PATH_TEMPLATE_PROPERTY);
        return template == null ? null : template.toString();
    }
}
