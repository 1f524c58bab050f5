package dev.reactivetracing.commons.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The RFC 9457 body. {@code trace_id} and {@code request_id} are extension members so that whoever reads an error can
 * find its trace and its log lines.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors", "trace_id", "request_id" })
public record ProblemDetail(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldViolation> errors,
        String traceId,
        String requestId,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }
}
