package dev.reactivetracing.commons.input;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.commons.problem.ProblemDetail;
import dev.reactivetracing.commons.problem.ProblemTypes;
import dev.reactivetracing.commons.requestid.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared body (Content-Length) is larger than {@link InputLimits#maxBodySize()} with 413
 * {@code problem+json}, before a byte of it is read. Quarkus' own limit answers 413 with an empty body; this one runs
 * just before it. A body sent in chunks, without a Content-Length, is bounded while it is parsed
 * ({@link JsonInputRules}).
 */
@Singleton
public class BodySizeLimit {

    public static final String TYPE = "content-too-large";

    private final long maxBodySize;
    private final ObjectMapper json;

    public BodySizeLimit(InputLimits limits, ObjectMapper json) {
        this.maxBodySize = limits.maxBodySize().asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext request) {
        String declaredLength = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength != null && exceeds(declaredLength)) {
            // The body is not read: the connection cannot carry another request after this one.
            request.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(problem(request));
            return;
        }
        request.next();
    }

    private String problem(RoutingContext request) {
        SpanContext span = Span.current().getSpanContext();
        // The JAX-RS request-id filter has not run yet: the request id is the caller's, if acceptable.
        String requestId = request.request().getHeader(RequestIds.HEADER);
        ProblemDetail problem = new ProblemDetail(ProblemTypes.of(TYPE), "Content Too Large", 413,
                "The request body is larger than " + maxBodySize + " bytes.", null, List.of(),
                span.isValid() ? span.getTraceId() : null,
                requestId == null ? null : RequestIds.acceptOrGenerate(requestId), Map.of());
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private boolean exceeds(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.trim()) > maxBodySize;
        } catch (NumberFormatException malformed) {
            // Not a length: the HTTP codec refuses such a request itself.
            return false;
        }
    }
}
