package dev.reactivetracing.commons.input;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

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
    public static final String TITLE = "Content Too Large";

    private final long maxBodySize;
    private final RouteProblems problems;

    public BodySizeLimit(InputLimits limits, RouteProblems problems) {
        this.maxBodySize = limits.maxBodySize().asLongValue();
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext request) {
        String declaredLength = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength != null && exceeds(declaredLength)) {
            problems.answer(request, 413, TYPE, TITLE,
                    "The request body is larger than " + maxBodySize + " bytes.");
            return;
        }
        request.next();
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
