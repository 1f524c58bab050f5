package dev.reactivetracing.commons.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One offending field of a request, named as the client wrote it (JSON name, or query/header parameter). Registered
 * for reflection: it is serialized inside a problem built as a plain {@code Response}, which Quarkus cannot trace
 * back to it for the native image.
 */
@RegisterForReflection
public record FieldViolation(String field, String message) {
}
