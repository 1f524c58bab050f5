package dev.reactivetracing.commons.telemetry;

import java.util.Locale;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.opentelemetry.runtime.config.runtime.OTelRuntimeConfig;

/**
 * The head sampler of both services, replacing the extension's (a CDI sampler bean wins; the extension still wraps it
 * so that health and other non-application URIs stay untraced):
 * <ul>
 * <li>a caller's decision is followed (parent-based) under {@code tracing.remote-parents.sampled=honour} or when the
 * caller is trusted; otherwise ({@code limit}, {@code ignore}: see {@link TracingConfig.RemoteParents}) neither its
 * "sampled" nor its "not sampled" decides, but this service's own draw at the ratio, with "sampled" under
 * {@code limit} asking within the forced-trace rate;</li>
 * <li>a new trace is sampled at the ratio {@code quarkus.otel.traces.sampler.arg} (1.0 in dev, 0.5 in staging, 0.1 in
 * prod; env {@code QUARKUS_OTEL_TRACES_SAMPLER_ARG} or {@code OTEL_TRACES_SAMPLER_ARG});</li>
 * <li>{@code x-force-trace: true} samples the trace anyway, also over a caller's "not sampled", up to
 * {@code tracing.forced-traces.max-per-second}.</li>
 * </ul>
 */
public class SamplerProducer {

    private static final Logger LOG = Logger.getLogger(SamplerProducer.class);

    @Produces
    @Singleton
    Sampler headSampler(OTelRuntimeConfig otelConfig, TracingConfig tracingConfig) {
        double ratio = parseRatio(otelConfig.traces().samplerArg().orElse("1.0"));
        TracingConfig.ForcedTraces forced = tracingConfig.forcedTraces();
        TracingConfig.SampledFlag callerSampled = tracingConfig.remoteParents().sampled();
        LOG.infof("Head sampling: new traces at ratio %s; a caller's sampled flag: %s; forced traces %s", ratio,
                callerSampled.name().toLowerCase(Locale.ROOT),
                forced.enabled() ? "up to " + forced.maxPerSecond() + "/s" : "disabled");
        return headSampler(ratio, new RateLimiter(forced.maxPerSecond()), forced.enabled(), callerSampled);
    }

    /**
     * The sampler for a ratio. {@code forcedTraceLimiter} bounds every recording a caller asks for: with
     * {@code x-force-trace} (if {@code forceHeader}) and, under {@code limit}, with an untrusted "sampled" flag.
     */
    static Sampler headSampler(double ratio, RateLimiter forcedTraceLimiter, boolean forceHeader,
            TracingConfig.SampledFlag callerSampled) {
        Sampler byRatio = ratioSampler(ratio);
        Sampler newTraces = forceHeader ? ForceTraceSampler.onRequest(byRatio, forcedTraceLimiter) : byRatio;
        Sampler followedNotSampled = forceHeader
                ? ForceTraceSampler.onRequest(Sampler.alwaysOff(), forcedTraceLimiter)
                : Sampler.alwaysOff();
        if (callerSampled == TracingConfig.SampledFlag.HONOUR) {
            return Sampler.parentBasedBuilder(newTraces)
                    .setRemoteParentSampled(Sampler.alwaysOn())
                    .setRemoteParentNotSampled(followedNotSampled)
                    .build();
        }
        // An untrusted caller chose both the trace id and the flag, so neither decides: neither "sampled" (all
        // recorded) nor "not sampled" (its requests, errors included, hidden from traces). This service's own draw
        // at the ratio does, with x-force-trace; under limit, "sampled" also asks within the forced-trace rate.
        Sampler byOwnDraw = new OwnDrawRatioSampler(ratio);
        Sampler untrustedEntry = forceHeader ? ForceTraceSampler.onRequest(byOwnDraw, forcedTraceLimiter) : byOwnDraw;
        Sampler untrustedSampled = callerSampled == TracingConfig.SampledFlag.LIMIT
                ? ForceTraceSampler.onEveryEntry(byOwnDraw, forcedTraceLimiter)
                : untrustedEntry;
        return Sampler.parentBasedBuilder(newTraces)
                .setRemoteParentSampled(new CallerTrustSampler(Sampler.alwaysOn(), untrustedSampled))
                .setRemoteParentNotSampled(new CallerTrustSampler(followedNotSampled, untrustedEntry))
                .build();
    }

    static Sampler ratioSampler(double ratio) {
        if (ratio >= 1.0) {
            return Sampler.alwaysOn();
        }
        if (ratio <= 0.0) {
            return Sampler.alwaysOff();
        }
        return Sampler.traceIdRatioBased(ratio);
    }

    static double parseRatio(String samplerArg) {
        try {
            double ratio = Double.parseDouble(samplerArg.trim());
            if (Double.isNaN(ratio) || ratio < 0.0 || ratio > 1.0) {
                throw new IllegalArgumentException();
            }
            return ratio;
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(
                    "quarkus.otel.traces.sampler.arg must be a ratio between 0.0 and 1.0, was '" + samplerArg + "'");
        }
    }
}
