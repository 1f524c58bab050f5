package dev.reactivetracing.commons.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failure that has a well-defined answer for the client: an RFC 9457 problem with a stable type.
 * <p>
 * {@code rejectionReason} is a short, bounded token ({@code insufficient_stock}, {@code unknown_product} ...) that
 * telemetry puts on spans. It must never carry request data: it is used as a low-cardinality attribute value.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final URI type;
    private final String title;
    private final String rejectionReason;
    private final List<FieldViolation> violations;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String typeSlug, String title, String detail, String rejectionReason) {
        this(status, typeSlug, title, detail, rejectionReason, List.of(), Map.of(), null);
    }

    public ProblemException(int status, String typeSlug, String title, String detail, String rejectionReason,
            List<FieldViolation> violations, Map<String, Object> extensions, Throwable cause) {
        // A refusal (4xx) is an answer, not a bug: no stack trace to capture, record or log. Under a burst of
        // refusals (a product sold out) capturing one per request was a measurable share of the service's CPU.
        super(detail, cause, true, !isClientError(status));
        this.status = status;
        this.type = ProblemTypes.of(typeSlug);
        this.title = Objects.requireNonNull(title);
        this.rejectionReason = Objects.requireNonNull(rejectionReason);
        this.violations = List.copyOf(violations);
        this.extensions = Map.copyOf(extensions);
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public String rejectionReason() {
        return rejectionReason;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** 4xx answers are the client's doing: they are not errors of this service (OpenTelemetry HTTP semantic conventions). */
    public boolean isClientError() {
        return isClientError(status);
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }
}
