package dev.reactivetracing.commons.input;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.reactivetracing.commons.problem.ProblemDetail;
import dev.reactivetracing.commons.problem.ProblemTypes;
import dev.reactivetracing.commons.requestid.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request with problem+json from a Vert.x route, before JAX-RS (and its exception mappers) sees it, without
 * reading the body: the same fields as every other problem, trace id included.
 */
@Singleton
public class RouteProblems {

    private final ObjectMapper json;

    public RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    /** {@code type} null: about:blank, the status says it all. */
    public void answer(RoutingContext request, int status, String type, String title, String detail) {
        HttpServerResponse response = request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE);
        if (request.request().version() != HttpVersion.HTTP_2) {
            // The body is not read: an HTTP/1.1 connection cannot carry another request after this one. (HTTP/2 ends
            // just this stream, and forbids the header.)
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(problem(request, status, type, title, detail));
    }

    private String problem(RoutingContext request, int status, String type, String title, String detail) {
        SpanContext span = Span.current().getSpanContext();
        // The JAX-RS request-id filter has not run yet: the request id is the caller's, if acceptable.
        String requestId = request.request().getHeader(RequestIds.HEADER);
        ProblemDetail problem = new ProblemDetail(ProblemTypes.of(type), title, status, detail, null, List.of(),
                span.isValid() ? span.getTraceId() : null,
                requestId == null ? null : RequestIds.acceptOrGenerate(requestId), Map.of());
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
