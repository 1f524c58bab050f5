package dev.reactivetracing.commons.telemetry;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Samples at a ratio on a random draw of this service's own, not on the trace id: for a trace whose id an untrusted
 * caller chose. The SDK's ratio sampler decides on the id's lower 64 bits, so a caller that picks ids with those bits
 * near zero would have every request recorded at any ratio; and one trace continued by several services is not
 * decided consistently here anyway, because each untrusted entry is a decision of its own.
 */
public final class OwnDrawRatioSampler implements Sampler {

    private static final SamplingResult SAMPLE = SamplingResult.create(SamplingDecision.RECORD_AND_SAMPLE);
    private static final SamplingResult DROP = SamplingResult.create(SamplingDecision.DROP);

    private final double ratio;

    public OwnDrawRatioSampler(double ratio) {
        if (!(ratio >= 0.0 && ratio <= 1.0)) {
            throw new IllegalArgumentException("ratio must be between 0.0 and 1.0, was " + ratio);
        }
        this.ratio = ratio;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        return ThreadLocalRandom.current().nextDouble() < ratio ? SAMPLE : DROP;
    }

    @Override
    public String getDescription() {
        return "OwnDrawRatioSampler{" + ratio + "}";
    }
}
