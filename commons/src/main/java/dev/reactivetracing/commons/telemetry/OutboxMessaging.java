package dev.reactivetracing.commons.telemetry;

import java.util.UUID;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes;

/**
 * Messaging semantic-convention attributes (the {@code io.opentelemetry.semconv} constants) for the
 * {@code order.created} event, which travels through a transactional outbox instead of a broker: written by order-service ({@code create}), delivered by its relay
 * ({@code send}), handled by inventory-service ({@code process}).
 */
public final class OutboxMessaging {

    /**
     * There is no broker: the "messaging system" is the outbox table ({@code messaging.system} is an open enum; the
     * conventions list brokers, none of which this is).
     */
    public static final String SYSTEM = "outbox";
    public static final String ORDER_CREATED = "order.created";

    public static final String CREATE = MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues.CREATE;
    public static final String SEND = MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues.SEND;
    public static final String PROCESS = MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues.PROCESS;

    private OutboxMessaging() {
    }

    /** The messaging attributes of one step ({@code create}, {@code send}, {@code process}) of an order.created event. */
    public static void describeOrderCreated(Span span, String operation, UUID eventId) {
        span.setAttribute(MessagingIncubatingAttributes.MESSAGING_SYSTEM, SYSTEM);
        span.setAttribute(MessagingIncubatingAttributes.MESSAGING_DESTINATION_NAME, ORDER_CREATED);
        span.setAttribute(MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE, operation);
        span.setAttribute(MessagingIncubatingAttributes.MESSAGING_MESSAGE_ID, eventId.toString());
    }

    /** Span name as the conventions build it: {@code {operation} {destination}}. */
    public static String spanName(String operation, String destination) {
        return operation + " " + destination;
    }
}
