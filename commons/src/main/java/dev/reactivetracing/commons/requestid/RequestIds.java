package dev.reactivetracing.commons.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The request id travels as the {@code x-request-id} header, lives in the logging MDC while the request runs (Quarkus
 * keeps the MDC on the request's Vert.x duplicated context, so it follows the request across threads the same way the
 * OpenTelemetry context does) and is put on the server span.
 */
public final class RequestIds {

    public static final String HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";
    /** Semantic-convention name of a captured request header (a string array). */
    public static final AttributeKey<java.util.List<String>> SPAN_ATTRIBUTE = AttributeKey
            .stringArrayKey("http.request.header." + HEADER);

    // Bounded and plain so that a client cannot inject log lines or blow up attribute sizes.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");


    private RequestIds() {
    }

    /** The incoming id if it is acceptable, otherwise a new one. */
    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request being handled on this context, or null outside a request. */
    public static String current() {
        Object requestId = MDC.get(MDC_KEY);
        return requestId == null ? null : requestId.toString();
    }
}
