package dev.reactivetracing.commons.telemetry;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;

/**
 * Records a business rejection (4xx) on a span without marking it as an error: semantic conventions reserve ERROR for
 * failures of the service itself, and a refused order is the service working as intended.
 */
@ApplicationScoped
public class Rejections {

    private final RejectionAttribute attribute;

    public Rejections(RejectionAttribute attribute) {
        this.attribute = attribute;
    }

    public void record(Span span, String reason) {
        if (span.isRecording()) {
            span.setAttribute(attribute.key(), reason);
        }
    }
}
