package dev.reactivetracing.commons.input;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request that carries a body must say what it is: without a Content-Type, 415 problem+json. (JAX-RS would
 * otherwise take any untyped body as JSON.) A request without a body, such as a bare {@code POST .../cancel}, is
 * not concerned.
 */
@Singleton
public class ContentTypeRequired {

    private final RouteProblems problems;

    public ContentTypeRequired(RouteProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::check);
    }

    private void check(RoutingContext request) {
        if (request.request().getHeader(HttpHeaders.CONTENT_TYPE) == null && hasBody(request)) {
            problems.answer(request, 415, null, "Unsupported Media Type",
                    "The request has a body but no Content-Type; send application/json.");
            return;
        }
        request.next();
    }

    private static boolean hasBody(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.trim().equals("0"))
                || request.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
