package dev.reactivetracing.commons.problem;

import java.util.List;
import java.util.Map;

/** 400 for a request whose values break a rule that Bean Validation annotations cannot express. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(List<FieldViolation> violations) {
        super(400, "invalid-request", "Invalid request", "The request has invalid fields.", "invalid_request",
                violations, Map.of(), null);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }
}
