package dev.reactivetracing.order.telemetry;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * {@code http.client.request.duration} (semantic conventions) for REST client calls, which the OpenTelemetry extension
 * traces but does not measure. Recorded in the caller's context, so a sampled call's point carries its trace id as an
 * exemplar. Calls that get no answer at all (connection refused) are recorded too, with the exception type as
 * {@code error.type} and no status code. Register it on each REST client interface.
 */
@Singleton
public class HttpClientMetricsFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The buckets the semantic conventions advise for HTTP durations, in seconds. */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);

    private static final String STARTED_AT = HttpClientMetricsFilter.class.getName() + ".startedAt";
    private static final String RECORDED = HttpClientMetricsFilter.class.getName() + ".recorded";

    private final DoubleHistogram duration;

    public HttpClientMetricsFilter(Meter meter) {
        this.duration = meter.histogramBuilder("http.client.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP client requests.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
    }

    @Override
    public void filter(ClientRequestContext request) {
        long startedAt = System.nanoTime();
        request.setProperty(STARTED_AT, startedAt);
        RestClientCallOutcome.whenFailed(request, failure -> {
            if (request.getProperty(RECORDED) == null) { // no answer came: the response filter recorded nothing
                duration.record(secondsSince(startedAt),
                        HttpClientAttributes.of(request).put(ErrorAttributes.ERROR_TYPE,
                                RestClientCallOutcome.rootCauseType(failure)).build());
            }
        });
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        Object startedAt = request.getProperty(STARTED_AT);
        if (startedAt == null || response.getStatus() == 0) {
            // 0: the REST client's stand-in when the connection closed without an answer; the failure is recorded
            // with its exception type when the call completes.
            return;
        }
        request.setProperty(RECORDED, Boolean.TRUE);
        AttributesBuilder attributes = HttpClientAttributes.of(request)
                .put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.getStatus());
        if (response.getStatus() >= 400) {
            attributes.put(ErrorAttributes.ERROR_TYPE, Integer.toString(response.getStatus()));
        }
        duration.record(secondsSince((Long) startedAt), attributes.build());
    }

    private static double secondsSince(long startedAtNanos) {
        return (System.nanoTime() - startedAtNanos) / 1_000_000_000d;
    }
}
