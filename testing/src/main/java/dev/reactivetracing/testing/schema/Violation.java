package dev.reactivetracing.testing.schema;

/** One way a span, event or metric breaks the telemetry schema. */
public record Violation(Kind kind, String message) {

    public enum Kind {
        /** A span name the schema does not list for that service (nor as test-only). */
        UNKNOWN_SPAN,
        /** A span of a service the schema does not list. */
        UNKNOWN_SERVICE,
        /** The name is listed, with another span kind. */
        WRONG_KIND,
        /** The parent span is not one the schema allows, or the span is a root (or not) against the schema. */
        WRONG_PARENT,
        /** An attribute key the schema does not list for that span (or event, or metric). */
        UNKNOWN_ATTRIBUTE,
        /** An attribute value of another type than the schema's. */
        WRONG_TYPE,
        /** An attribute value outside the allowed values, pattern or bounds. */
        VALUE_NOT_ALLOWED,
        /** A required attribute is missing. */
        MISSING_ATTRIBUTE,
        /** A span event the schema does not list, or not for that span. */
        UNKNOWN_EVENT,
        /** A metric in the project's metric namespace that the schema does not list. */
        UNKNOWN_METRIC,
        /** A metric of another instrument (counter, histogram ...) than the schema's. */
        WRONG_INSTRUMENT,
        /** A metric with another unit than the schema's. */
        WRONG_UNIT
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
