package dev.reactivetracing.commons.problem;

/** One offending field of a request, named as the client wrote it (JSON name, or query/header parameter). */
public record FieldViolation(String field, String message) {
}
