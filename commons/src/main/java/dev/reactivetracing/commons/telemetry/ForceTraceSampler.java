package dev.reactivetracing.commons.telemetry;

import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Samples a span when the caller asked for it, within a per-instance rate shared by every way of asking; otherwise
 * delegates. Asking is {@code x-force-trace: true} ({@link #onRequest}), or, for a caller that is not trusted, its
 * own "sampled" flag ({@link #onEveryEntry}). Used only where a trace enters this service (no parent, or a remote
 * one): spans with a local parent follow that parent, so a trace is never half forced.
 */
public final class ForceTraceSampler implements Sampler {

    /** On the entry span of a forced trace, so that tail sampling and people can tell it was forced. */
    private static final SamplingResult FORCED_SAMPLE = SamplingResult.create(SamplingDecision.RECORD_AND_SAMPLE,
            Attributes.of(ProjectAttributes.SAMPLING_FORCED, true));

    private final Sampler delegate;
    private final RateLimiter forcedTraceLimiter;
    private final Predicate<Context> asked;

    private ForceTraceSampler(Sampler delegate, RateLimiter forcedTraceLimiter, Predicate<Context> asked) {
        this.delegate = delegate;
        this.forcedTraceLimiter = forcedTraceLimiter;
        this.asked = asked;
    }

    /** Forces when the request carries {@code x-force-trace: true}. */
    public static ForceTraceSampler onRequest(Sampler delegate, RateLimiter forcedTraceLimiter) {
        return new ForceTraceSampler(delegate, forcedTraceLimiter, ForceTracePropagator::isRequested);
    }

    /** Forces every entry it is asked about, within the rate: for an untrusted caller whose flag says "sampled". */
    public static ForceTraceSampler onEveryEntry(Sampler delegate, RateLimiter forcedTraceLimiter) {
        return new ForceTraceSampler(delegate, forcedTraceLimiter, context -> true);
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (asked.test(parentContext) && forcedTraceLimiter.tryAcquire()) {
            return FORCED_SAMPLE;
        }
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "ForceTraceSampler{" + delegate.getDescription() + "}";
    }
}
