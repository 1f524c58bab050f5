package dev.reactivetracing.commons.telemetry;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;

/**
 * Records a business rejection (4xx) on a span without marking it as an error: semantic conventions reserve ERROR for
 * failures of the service itself, and a refused order is the service working as intended. Both services use the one
 * attribute {@link ProjectAttributes#REJECTION_REASON}.
 */
@ApplicationScoped
public class Rejections {

    public void record(Span span, String reason) {
        if (span.isRecording()) {
            span.setAttribute(ProjectAttributes.REJECTION_REASON, reason);
        }
    }
}
