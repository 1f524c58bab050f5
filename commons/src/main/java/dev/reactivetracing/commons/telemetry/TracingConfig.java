package dev.reactivetracing.commons.telemetry;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Tracing settings of ours, beside the extension's own {@code quarkus.otel.*}. The head-sampling ratio is the
 * extension's {@code quarkus.otel.traces.sampler.arg}, read by {@link SamplerProducer}.
 */
@ConfigMapping(prefix = "tracing")
public interface TracingConfig {

    /**
     * {@code deployment.environment.name} on every span and metric; by default the active Quarkus profile's name (dev,
     * test, prod, staging, local, or whatever {@code QUARKUS_PROFILE} says), so that an environment nobody named is
     * never labelled as another one.
     */
    Optional<String> environment();

    /** Clients may ask for a trace with {@code x-force-trace: true}. */
    ForcedTraces forcedTraces();

    /** What a caller's trace context may decide. */
    RemoteParents remoteParents();

    interface RemoteParents {

        /**
         * What a caller's sampled flag decides. {@code honour}: it is followed, "sampled" or not (a service only
         * trusted callers reach: inventory-service). {@code limit}: followed for a trusted caller; for any other,
         * "sampled" is recorded within {@code tracing.forced-traces.max-per-second}, and beyond that, as for "not
         * sampled", this service's own random draw at its ratio decides (the public edge: order-service), so that a
         * caller can neither have everything recorded nor hide its requests. {@code ignore}: as {@code limit},
         * without the forced-trace allowance for "sampled". The caller's trace id is continued in every case, but
         * never used for the decision (the caller chose it).
         */
        @WithDefault("honour")
        SampledFlag sampled();

        /** Networks (CIDR) whose callers are trusted: services inside the system, never the ingress's network. */
        Optional<List<String>> trustedNetworks();

        /**
         * A secret that makes a caller trusted when it sends it in {@code x-tracing-token} (the ingress must not pass
         * that header on from outside). Set it from a Secret, never in a file.
         */
        Optional<String> trustedToken();
    }

    enum SampledFlag {
        HONOUR,
        LIMIT,
        IGNORE
    }

    /** Where spans go besides the in-process SDK. */
    Export export();

    interface Export {

        /**
         * Build time: whether the service exports its spans over OTLP ({@link OtlpSpanExporterProducer}, configured
         * by {@code quarkus.otel.exporter.otlp.*}). Off in tests, whose in-memory exporter is the only one.
         */
        @WithDefault("true")
        boolean otlp();
    }

    interface ForcedTraces {

        @WithDefault("true")
        boolean enabled();

        /** Forced traces per second and instance; beyond this the normal ratio decides. */
        @WithDefault("10")
        double maxPerSecond();
    }
}
