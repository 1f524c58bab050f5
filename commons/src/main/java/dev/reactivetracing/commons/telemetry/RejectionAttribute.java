package dev.reactivetracing.commons.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute under which a service records why it turned a request down ({@code order.rejection_reason}).
 * Each service produces one from its telemetry package, where its attribute names live.
 */
public record RejectionAttribute(AttributeKey<String> key) {
}
