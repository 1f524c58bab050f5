package dev.reactivetracing.localrun;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The W3C Trace Context Level 2 {@code traceresponse} header, which tells a client the trace its request became part
 * of: {@code 00-<trace id>-<span id of the server span>-<flags>}.
 */
record TraceResponse(String traceId, String spanId, boolean sampled) {

    static final String HEADER = "traceresponse";

    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE_ID = "0".repeat(32);

    /** Empty for a missing or malformed value, or one of a version this client does not know. */
    static Optional<TraceResponse> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION_00.matcher(value.trim());
        if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE_ID)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(matcher.group(3), 16) & 0x01) != 0;
        return Optional.of(new TraceResponse(matcher.group(1), matcher.group(2), sampled));
    }
}
