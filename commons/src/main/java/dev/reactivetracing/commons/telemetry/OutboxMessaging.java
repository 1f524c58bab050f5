package dev.reactivetracing.commons.telemetry;

import java.util.UUID;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Messaging semantic-convention attributes for the {@code order.created} event, which travels through a
 * transactional outbox instead of a broker: written by order-service ({@code create}), delivered by its relay
 * ({@code send}), handled by inventory-service ({@code process}).
 */
public final class OutboxMessaging {

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION_NAME = AttributeKey
            .stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey
            .stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** Which delivery attempt this is (1 for the first); more than 1 means earlier attempts failed. */
    public static final AttributeKey<Long> DELIVERY_ATTEMPT = AttributeKey.longKey("messaging.outbox.delivery_attempt");

    /** There is no broker: the "messaging system" is the outbox table. */
    public static final String SYSTEM = "outbox";
    public static final String ORDER_CREATED = "order.created";

    public static final String CREATE = "create";
    public static final String SEND = "send";
    public static final String PROCESS = "process";

    private OutboxMessaging() {
    }

    /** The messaging attributes of one step ({@code create}, {@code send}, {@code process}) of an order.created event. */
    public static void describeOrderCreated(Span span, String operation, UUID eventId) {
        span.setAttribute(MESSAGING_SYSTEM, SYSTEM);
        span.setAttribute(MESSAGING_DESTINATION_NAME, ORDER_CREATED);
        span.setAttribute(MESSAGING_OPERATION_TYPE, operation);
        span.setAttribute(MESSAGING_MESSAGE_ID, eventId.toString());
    }

    /** Span name as the conventions build it: {@code {operation} {destination}}. */
    public static String spanName(String operation, String destination) {
        return operation + " " + destination;
    }
}
