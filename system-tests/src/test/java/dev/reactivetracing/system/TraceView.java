package dev.reactivetracing.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/** The spans of one trace as a backend received them from every service, with tree questions. */
public final class TraceView {

    private final List<ReceivedSpan> spans;

    public TraceView(List<ReceivedSpan> spans) {
        this.spans = List.copyOf(spans);
    }

    public List<ReceivedSpan> spans() {
        return spans;
    }

    public boolean has(String service, String name) {
        return spans.stream().anyMatch(span -> span.serviceName().equals(service) && span.name().equals(name));
    }

    /** The one span of {@code service} with this name. */
    public ReceivedSpan single(String service, String name) {
        List<ReceivedSpan> named = spans.stream()
                .filter(span -> span.serviceName().equals(service) && span.name().equals(name))
                .toList();
        if (named.size() != 1) {
            fail("Expected one '" + name + "' of " + service + ", found " + named.size() + ":\n" + dump());
        }
        return named.get(0);
    }

    public List<ReceivedSpan> all(String service, String name) {
        return spans.stream().filter(span -> span.serviceName().equals(service) && span.name().equals(name))
                .toList();
    }

    public List<ReceivedSpan> childrenOf(ReceivedSpan parent) {
        return spans.stream().filter(span -> span.parentSpanId().equals(parent.spanId())).toList();
    }

    public List<String> childNamesOf(ReceivedSpan parent) {
        return childrenOf(parent).stream().map(ReceivedSpan::name).sorted().toList();
    }

    public TraceView assertChildOf(ReceivedSpan child, ReceivedSpan parent) {
        assertEquals(parent.spanId(), child.parentSpanId(), () -> "'" + child.name() + "' (" + child.serviceName()
                + ") should be a child of '" + parent.name() + "' (" + parent.serviceName() + "):\n" + dump());
        assertEquals(parent.traceId(), child.traceId());
        return this;
    }

    /** One root, and every other span's parent in the trace. */
    public TraceView assertOneConnectedTree() {
        List<ReceivedSpan> roots = spans.stream()
                .filter(span -> spans.stream().noneMatch(other -> other.spanId().equals(span.parentSpanId())))
                .toList();
        assertEquals(1, roots.size(), () -> "one root expected:\n" + dump());
        return this;
    }

    public String dump() {
        StringBuilder out = new StringBuilder();
        spans.stream()
                .filter(span -> spans.stream().noneMatch(other -> other.spanId().equals(span.parentSpanId())))
                .forEach(root -> dump(root, 0, out));
        return out.toString();
    }

    private void dump(ReceivedSpan span, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(span.serviceName()).append(": ").append(span.name()).append(" [")
                .append(span.kind()).append(", ").append(span.statusCode()).append("] ")
                .append(span.attributes().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        childrenOf(span).forEach(child -> dump(child, depth + 1, out));
    }
}
