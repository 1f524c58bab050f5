package dev.reactivetracing.commons.requestid;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;

/** Takes the caller's {@code x-request-id} (or makes one), logs and traces with it, and returns it. */
public class RequestIdFilter {

    private static final String PROPERTY = RequestIdFilter.class.getName();

    @ServerRequestFilter(preMatching = true)
    public void assignRequestId(ContainerRequestContext request) {
        String requestId = RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
        request.setProperty(PROPERTY, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        LocalRootSpan.current().setAttribute(RequestIds.SPAN_ATTRIBUTE, List.of(requestId));
    }

    @ServerResponseFilter
    public void returnRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(PROPERTY);
        if (requestId != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, requestId);
        }
    }
}
