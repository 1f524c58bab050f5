package dev.reactivetracing.commons.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Tracing settings of ours, beside the extension's own {@code quarkus.otel.*}. The head-sampling ratio is the
 * extension's {@code quarkus.otel.traces.sampler.arg}, read by {@link SamplerProducer}.
 */
@ConfigMapping(prefix = "tracing")
public interface TracingConfig {

    /** {@code deployment.environment.name} on every span and metric: dev, staging, prod (or local, test). */
    @WithDefault("dev")
    String environment();

    /** Clients may ask for a trace with {@code x-force-trace: true}. */
    ForcedTraces forcedTraces();

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
