package dev.reactivetracing.commons.telemetry;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;

/**
 * Tells the caller which trace its request produced, with the W3C Trace Context Level 2 {@code traceresponse} header
 * ({@code 00-<trace-id>-<server-span-id>-<flags>}): whoever holds a response can open its trace, and sees from the
 * flags whether it was sampled.
 */
public class TraceResponseFilter {

    public static final String HEADER = "traceresponse";

    @ServerResponseFilter
    public void addTraceResponse(ContainerResponseContext response) {
        SpanContext server = LocalRootSpan.current().getSpanContext();
        if (server.isValid()) {
            response.getHeaders().putSingle(HEADER,
                    "00-" + server.getTraceId() + "-" + server.getSpanId() + "-" + server.getTraceFlags().asHex());
        }
    }
}
