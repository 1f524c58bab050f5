package dev.reactivetracing.commons.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.opentelemetry.runtime.config.build.OTelBuildConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.OTelRuntimeConfig;

/**
 * The tracer of the services' own spans ({@link ReactiveSpans}, the SQL spans, the connect-failure span), replacing
 * the extension's default bean.
 * <p>
 * With {@code quarkus.otel.sdk.disabled=true} (tracing off) the extension switches its own instrumentation off, but
 * its {@code Tracer} bean still comes from the SDK that OpenTelemetry's autoconfiguration builds for a disabled SDK:
 * one with no exporter and an always-on sampler, whose spans are recorded (attributes, events) and then dropped. Every
 * span this project starts would cost that for nothing. Here, tracing off gives the no-op tracer: its spans are
 * invalid, and {@link ReactiveSpans} runs their pipelines without a context of their own. Otherwise it is the
 * extension's tracer (same SDK, same instrumentation scope).
 */
public class TracerProducer {

    @Produces
    @ApplicationScoped
    Tracer tracer(OpenTelemetry openTelemetry, OTelRuntimeConfig otelConfig) {
        OpenTelemetry source = otelConfig.sdkDisabled() ? OpenTelemetry.noop() : openTelemetry;
        return source.getTracer(OTelBuildConfig.INSTRUMENTATION_NAME);
    }
}
