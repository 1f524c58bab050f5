package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/** The head sampler's decisions, as SamplerProducer assembles it, for every kind of parent. */
class ForceTraceSamplingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    @Test
    void ratioZeroSamplesNoNewTraceUnlessForced() {
        Sampler sampler = sampler(0.0, 10);
        assertEquals(SamplingDecision.DROP, decide(sampler, Context.root()));

        SamplingResult forced = sampler.shouldSample(forced(Context.root()), TRACE_ID, "GET", SpanKind.SERVER,
                Attributes.empty(), List.of());
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, forced.getDecision());
        assertEquals(Boolean.TRUE, forced.getAttributes().get(ProjectAttributes.SAMPLING_FORCED));
    }

    @Test
    void callersDecisionIsFollowedAndForceOverridesANo() {
        Sampler sampler = sampler(0.0, 10);
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, remoteParent(true)));
        assertEquals(SamplingDecision.DROP, decide(sampler, remoteParent(false)));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, forced(remoteParent(false))));
    }

    @Test
    void localChildrenFollowTheirParentEvenWhenForceIsInTheContext() {
        Sampler sampler = sampler(0.0, 10);
        // A forced request whose entry span was refused by the rate limit: its children must not be sampled
        // (a half-forced trace would have orphans).
        assertEquals(SamplingDecision.DROP, decide(sampler, forced(localParent(false))));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, localParent(true)));
    }

    @Test
    void forcingStopsAtTheRate() {
        Sampler sampler = sampler(0.0, 2);
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, forced(Context.root())));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, forced(remoteParent(false))));
        assertEquals(SamplingDecision.DROP, decide(sampler, forced(Context.root())));
    }

    @Test
    void ratioOneSamplesEverything() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler(1.0, 0), Context.root()));
    }

    @Test
    void withForcingDisabledTheHeaderChangesNothing() {
        Sampler sampler = SamplerProducer.headSampler(0.0, new RateLimiter(10), false,
                TracingConfig.SampledFlag.HONOUR);
        assertEquals(SamplingDecision.DROP, decide(sampler, forced(Context.root())));
        assertEquals(SamplingDecision.DROP, decide(sampler, forced(remoteParent(false))));
    }

    @Test
    void onlyTrueForces() {
        ForceTracePropagator propagator = new ForceTracePropagator();
        assertEquals(true, ForceTracePropagator.isRequested(
                propagator.extract(Context.root(), Map.of("x-force-trace", " TRUE "), MapCarrier.GETTER)));
        assertEquals(false, ForceTracePropagator.isRequested(
                propagator.extract(Context.root(), Map.of("x-force-trace", "yes"), MapCarrier.GETTER)));
        assertEquals(false, ForceTracePropagator.isRequested(
                propagator.extract(Context.root(), Map.of(), MapCarrier.GETTER)));
    }

    @Test
    void ratioMustBeBetweenZeroAndOne() {
        assertEquals(0.5, SamplerProducer.parseRatio("0.5d"));
        assertThrows(IllegalArgumentException.class, () -> SamplerProducer.parseRatio("1.5"));
        assertThrows(IllegalArgumentException.class, () -> SamplerProducer.parseRatio("half"));
    }

    @Test
    void anUntrustedCallersSampledFlagIsOnlyARequestWithinTheRate() {
        Sampler sampler = SamplerProducer.headSampler(0.0, new RateLimiter(2), true, TracingConfig.SampledFlag.LIMIT);
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, remoteParent(true)));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, remoteParent(true)));
        assertEquals(SamplingDecision.DROP, decide(sampler, remoteParent(true)), "beyond the rate: the ratio (0)");
        // x-force-trace shares the same budget.
        assertEquals(SamplingDecision.DROP, decide(sampler, forced(Context.root())));
        // A trusted caller is followed, however many.
        for (int call = 0; call < 5; call++) {
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, trusted(remoteParent(true))));
        }
        assertEquals(SamplingDecision.DROP, decide(sampler, trusted(remoteParent(false))), "and its no too");
    }

    @Test
    void aContextThisServiceWroteItselfIsFollowedWithoutChargingTheForcedBudget() {
        // The outbox relay continues the trace publish_event wrote into the row: the SDK sees a remote parent.
        Sampler sampler = SamplerProducer.headSampler(0.0, new RateLimiter(1), true, TracingConfig.SampledFlag.LIMIT);
        for (int delivery = 0; delivery < 5; delivery++) {
            SamplingResult result = sampler.shouldSample(CallerTrust.ownEarlierContext(remoteParent(true)), TRACE_ID,
                    "send order.created", SpanKind.PRODUCER, Attributes.empty(), List.of());
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE, result.getDecision());
            assertEquals(null, result.getAttributes().get(ProjectAttributes.SAMPLING_FORCED), "not a forced trace");
        }
        assertEquals(SamplingDecision.DROP, decide(sampler, CallerTrust.ownEarlierContext(remoteParent(false))));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, forced(Context.root())),
                "the budget is still whole");
    }

    @Test
    void ignoringTheFlagLeavesTheRatioToDecide() {
        Sampler sampler = SamplerProducer.headSampler(0.0, new RateLimiter(10), true, TracingConfig.SampledFlag.IGNORE);
        assertEquals(SamplingDecision.DROP, decide(sampler, remoteParent(true)));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, forced(remoteParent(true))),
                "x-force-trace still works, within its rate");
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, trusted(remoteParent(true))));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE,
                decide(SamplerProducer.headSampler(1.0, new RateLimiter(0), true, TracingConfig.SampledFlag.IGNORE),
                        remoteParent(true)), "at ratio 1 the ratio records it anyway");
    }

    @Test
    void anUntrustedCallersNotSampledCannotHideItsRequests() {
        for (TracingConfig.SampledFlag mode : List.of(TracingConfig.SampledFlag.LIMIT,
                TracingConfig.SampledFlag.IGNORE)) {
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE,
                    decide(SamplerProducer.headSampler(1.0, new RateLimiter(0), true, mode), remoteParent(false)),
                    mode + ": at ratio 1 an untrusted 'not sampled' is recorded all the same");
            Sampler none = SamplerProducer.headSampler(0.0, new RateLimiter(10), true, mode);
            assertEquals(SamplingDecision.DROP, decide(none, remoteParent(false)));
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(none, forced(remoteParent(false))));
            assertEquals(SamplingDecision.DROP, decide(none, trusted(remoteParent(false))), "a trusted no is a no");
        }
    }

    @Test
    void anUntrustedCallerCannotPickTraceIdsThatTheRatioAlwaysSamples() {
        // The SDK's ratio sampler samples every id whose lower 64 bits are below ratio * 2^63: ...0001 always passes.
        String alwaysBelowTheRatio = "4bf92f3577b34da60000000000000001";
        Sampler untrusted = SamplerProducer.headSampler(0.1, new RateLimiter(0), true,
                TracingConfig.SampledFlag.LIMIT);
        int recorded = 0;
        for (int request = 0; request < 2_000; request++) {
            for (boolean sampled : List.of(true, false)) {
                Context parent = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(alwaysBelowTheRatio,
                        "00f067aa0ba902b7", sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                        TraceState.getDefault())));
                if (untrusted.shouldSample(parent, alwaysBelowTheRatio, "GET", SpanKind.SERVER, Attributes.empty(),
                        List.of()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE) {
                    recorded++;
                }
            }
        }
        // 4000 draws at 0.1: 400 expected, standard deviation 19; the bounds are more than 10 deviations away.
        assertTrue(recorded > 200 && recorded < 600, recorded + " of 4000 recorded");
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, Sampler.traceIdRatioBased(0.1).shouldSample(Context.root(),
                alwaysBelowTheRatio, "GET", SpanKind.SERVER, Attributes.empty(), List.of()).getDecision(),
                "the id this test uses is one the SDK's ratio sampler always samples");
    }

    private static Sampler sampler(double ratio, double forcedPerSecond) {
        return SamplerProducer.headSampler(ratio, new RateLimiter(forcedPerSecond), true,
                TracingConfig.SampledFlag.HONOUR);
    }

    private static Context trusted(Context context) {
        return new CallerTrust(List.of(), Optional.of("s3cret")).extract(context,
                Map.of(CallerTrust.TOKEN_HEADER, "s3cret"), MapCarrier.GETTER);
    }

    private static SamplingDecision decide(Sampler sampler, Context parent) {
        return sampler.shouldSample(parent, TRACE_ID, "span", SpanKind.INTERNAL, Attributes.empty(), List.of())
                .getDecision();
    }

    private static Context forced(Context context) {
        return new ForceTracePropagator().extract(context, Map.of("x-force-trace", "true"), MapCarrier.GETTER);
    }

    private static Context remoteParent(boolean sampled) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }

    private static Context localParent(boolean sampled) {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }
}
