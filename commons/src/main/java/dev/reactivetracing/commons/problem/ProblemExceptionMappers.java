package dev.reactivetracing.commons.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.reactivetracing.commons.errors.Causes;
import dev.reactivetracing.commons.input.BodySizeLimit;
import dev.reactivetracing.commons.requestid.RequestIds;
import dev.reactivetracing.commons.sql.DatabaseUnavailableException;
import dev.reactivetracing.commons.telemetry.Rejections;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Turns every failure into {@code application/problem+json} (RFC 9457). Nothing internal (stack trace, SQL, class
 * names) reaches the client: unexpected failures become a generic 500 whose trace id leads to the details.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final Pattern PLAIN_FIELD_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final Rejections rejections;

    public ProblemExceptionMappers(Rejections rejections) {
        this.rejections = rejections;
    }

    @ServerExceptionMapper
    public Response mapProblem(ProblemException problem) {
        if (problem.isClientError()) {
            rejections.record(LocalRootSpan.current(), problem.rejectionReason());
        } else {
            // The cause says why (timeout, 500, connection refused); with head sampling most traces are not kept, so
            // the log must say it too.
            LOG.warnf(problem.getCause(), "Request failed with %d %s: %s", problem.status(), problem.title(),
                    problem.detail());
        }
        return respond(problem.status(), new ProblemDetail(problem.type(), problem.title(), problem.status(),
                problem.detail(), null, problem.violations(), traceId(), RequestIds.current(), problem.extensions()));
    }

    @ServerExceptionMapper
    public Response mapRestViolation(ResteasyReactiveViolationException violation) {
        return mapViolation(violation);
    }

    @ServerExceptionMapper
    public Response mapViolation(ConstraintViolationException violation) {
        List<FieldViolation> fields = new ArrayList<>();
        for (ConstraintViolation<?> constraintViolation : violation.getConstraintViolations()) {
            fields.add(new FieldViolation(fieldName(constraintViolation.getPropertyPath()),
                    constraintViolation.getMessage()));
        }
        fields.sort(Comparator.comparing(FieldViolation::field));
        return mapProblem(new InvalidRequestException(fields));
    }

    /** Quarkus REST Jackson ships a mapper for exactly this type; an application mapper for the same type wins. */
    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException mismatched) {
        return mapMalformedJson(mismatched);
    }

    @ServerExceptionMapper
    public Response mapMalformedJson(JsonProcessingException malformed) {
        StreamConstraintsException overLimit = overLimit(malformed);
        if (overLimit != null && isDocumentLength(overLimit)) {
            // A body sent without Content-Length (chunked) that grew past the limit while it was parsed.
            return mapProblem(new ProblemException(413, BodySizeLimit.TYPE, BodySizeLimit.TITLE,
                    "The request body is too large.", "content_too_large", List.of(), Map.of(), malformed));
        }
        String field = malformed instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String detail;
        List<FieldViolation> violations;
        if (malformed instanceof UnrecognizedPropertyException) {
            detail = "The request body has a field this request does not take.";
            violations = List.of(new FieldViolation(field, "is not a field of this request"));
        } else if (overLimit != null) {
            detail = "The request body is nested too deeply or has a value that is too long.";
            violations = List.of();
        } else if (field.isEmpty()) {
            detail = "The request body is not valid JSON.";
            violations = List.of();
        } else {
            detail = "The request body has a value of the wrong type or format.";
            violations = List.of(new FieldViolation(field, "has the wrong type or format"));
        }
        return mapProblem(new ProblemException(400, "malformed-request", "Malformed request", detail,
                "malformed_request", violations, Map.of(), malformed));
    }

    /** Jackson wraps a parser limit in a mapping failure (with the path) when it is hit while binding. */
    private static StreamConstraintsException overLimit(Throwable failure) {
        return Causes.find(failure, StreamConstraintsException.class).orElse(null);
    }

    private static boolean isDocumentLength(StreamConstraintsException tooBig) {
        return tooBig.getOriginalMessage() != null && tooBig.getOriginalMessage().startsWith("Document length");
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException webFailure) {
        if (webFailure.getCause() instanceof JsonProcessingException malformed) {
            return mapMalformedJson(malformed);
        }
        int status = webFailure.getResponse().getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType != null ? statusType.getReasonPhrase() : "HTTP " + status;
        if (status >= 500) {
            LOG.error("Request failed", webFailure);
            return respond(status, new ProblemDetail(ProblemTypes.of(null), title, status, null, null, List.of(),
                    traceId(), RequestIds.current(), Map.of()));
        }
        rejections.record(LocalRootSpan.current(), "http_" + status);
        return respond(status, new ProblemDetail(ProblemTypes.of(null), title, status, null, null, List.of(),
                traceId(), RequestIds.current(), Map.of()));
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable unexpected) {
        if (DatabaseUnavailableException.isCause(unexpected)) {
            return mapProblem(new DatabaseUnavailableException(unexpected));
        }
        // The full failure goes to the log and the span (recorded by the OpenTelemetry extension); the client gets
        // only the ids that lead there.
        LOG.error("Unexpected failure", unexpected);
        return respond(500, new ProblemDetail(ProblemTypes.of("internal-error"), "Internal error", 500,
                "The request could not be completed. Quote the trace id when reporting this.", null, List.of(),
                traceId(), RequestIds.current(), Map.of()));
    }

    static Response respond(int status, ProblemDetail body) {
        return Response.status(status).type(ProblemDetail.MEDIA_TYPE).entity(body).build();
    }

    private static String traceId() {
        SpanContext spanContext = Span.current().getSpanContext();
        return spanContext.isValid() ? spanContext.getTraceId() : null;
    }

    /**
     * The path of a REST parameter violation starts with the method and parameter (createOrder.request.items[0]...).
     * The client knows the JSON names, so keep what follows the parameter and write it in snake_case, the API's case.
     * A violation on a query or header parameter keeps the parameter's name.
     */
    static String fieldName(Path propertyPath) {
        List<String> parts = new ArrayList<>();
        String parameterName = null;
        for (Path.Node node : propertyPath) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            // An index or key belongs to the part before it: items[0].quantity has the index on "quantity".
            if (node.getIndex() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getKey() + "]");
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                parts.add(toSnakeCase(node.getName()));
            }
        }
        if (parts.isEmpty()) {
            return parameterName == null ? "" : toSnakeCase(parameterName);
        }
        return String.join(".", parts);
    }

    /** The JSON path of a failure; a field name the client made up is echoed only if it is short and plain. */
    private static String jsonPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(PLAIN_FIELD_NAME.matcher(reference.getFieldName()).matches() ? reference.getFieldName()
                        : "(unnamed)");
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String toSnakeCase(String camelCase) {
        StringBuilder snake = new StringBuilder(camelCase.length() + 4);
        for (char character : camelCase.toCharArray()) {
            if (Character.isUpperCase(character)) {
                if (!snake.isEmpty()) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(character));
            } else {
                snake.append(character);
            }
        }
        return snake.toString();
    }
}
