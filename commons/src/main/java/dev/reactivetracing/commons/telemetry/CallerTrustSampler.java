package dev.reactivetracing.commons.telemetry;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Decides for a request whose caller says "sampled": a trusted caller ({@link CallerTrust}) is followed; an untrusted
 * one's flag is only a request, decided by {@code untrusted} (this service's own ratio, within a rate limit or not).
 * The trace id is continued either way: the span's parent stays the caller's, so that the caller's trace and this
 * one join whenever both are recorded.
 */
public final class CallerTrustSampler implements Sampler {

    private final Sampler trusted;
    private final Sampler untrusted;

    public CallerTrustSampler(Sampler trusted, Sampler untrusted) {
        this.trusted = trusted;
        this.untrusted = untrusted;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        return (CallerTrust.isTrusted(parentContext) ? trusted : untrusted)
                .shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "CallerTrustSampler{trusted=" + trusted.getDescription() + ", untrusted=" + untrusted.getDescription()
                + "}";
    }
}
