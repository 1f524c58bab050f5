package dev.reactivetracing.order.telemetry;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;

import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import dev.reactivetracing.commons.errors.Causes;
import dev.reactivetracing.commons.telemetry.ReactiveSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * Records, as a CLIENT span, a call that failed to connect. The extension traces REST client calls in the Vert.x HTTP
 * client, when a request is sent; a call whose connection is refused (or whose host is unknown) is never sent and
 * leaves no span, so the attempt would be missing from the trace. This span has the attempt's real start, the
 * caller's span as parent, the name and attributes the extension would give it, and ERROR with the exception.
 * Calls that reach the server, answered or not, keep the extension's span. Register it on each REST client interface.
 */
@Singleton
public class ConnectFailureSpanFilter implements ClientRequestFilter {

    private final Tracer tracer;

    public ConnectFailureSpanFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void filter(ClientRequestContext request) {
        Context caller = Context.current();
        Instant startedAt = Instant.now();
        RestClientCallOutcome.whenFailed(request, failure -> {
            if (failedToConnect(failure)) {
                recordAttempt(request, caller, startedAt, failure);
            }
        });
    }

    private void recordAttempt(ClientRequestContext request, Context caller, Instant startedAt, Throwable failure) {
        String template = HttpClientAttributes.urlTemplate(request);
        Span attempt = tracer.spanBuilder(request.getMethod() + (template == null ? "" : " " + template))
                .setParent(caller)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(startedAt)
                .setAllAttributes(HttpClientAttributes.of(request).build())
                .setAttribute(UrlAttributes.URL_FULL, request.getUri().toString())
                .startSpan();
        ReactiveSpans.recordFailure(attempt, failure);
        attempt.setAttribute(ErrorAttributes.ERROR_TYPE, RestClientCallOutcome.rootCauseType(failure));
        attempt.end();
    }

    /** Nothing was sent: the connection could not be made (netty's connect exceptions extend ConnectException). */
    private static boolean failedToConnect(Throwable failure) {
        return Causes.causedBy(failure, ConnectException.class) || Causes.causedBy(failure, UnknownHostException.class);
    }
}
