package dev.reactivetracing.testing.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** The finished spans of one trace, with the questions a trace test asks of them. */
public final class SpanTree {

    private final String traceId;
    private final List<SpanData> spans;

    private SpanTree(String traceId, List<SpanData> spans) {
        this.traceId = traceId;
        this.spans = List.copyOf(spans);
    }

    /** Waits until the trace has a span matching {@code complete} (e.g. its server span), then takes its spans. */
    public static SpanTree await(InMemorySpanExporter exporter, String traceId, Predicate<SpanTree> complete) {
        SpanTree[] last = new SpanTree[1];
        try {
            Awaitility.with().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(10)).until(() -> {
                last[0] = of(exporter, traceId);
                return complete.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            fail("Trace " + traceId + " did not complete. It has:\n" + (last[0] == null ? "nothing" : last[0].dump()));
        }
        return last[0];
    }

    public static SpanTree of(InMemorySpanExporter exporter, String traceId) {
        return new SpanTree(traceId, exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList());
    }

    /** The trace id from a W3C traceresponse header ({@code 00-<trace-id>-<span-id>-<flags>}). */
    public static String traceIdOf(String traceResponse) {
        return traceResponse.split("-")[1];
    }

    public List<SpanData> spans() {
        return spans;
    }

    public boolean has(String name) {
        return spans.stream().anyMatch(span -> span.getName().equals(name));
    }

    public int count(String name) {
        return (int) spans.stream().filter(span -> span.getName().equals(name)).count();
    }

    /** The one span with this name; fails if there is none or more than one. */
    public SpanData single(String name) {
        List<SpanData> named = all(name);
        if (named.size() != 1) {
            fail("Expected one span '" + name + "' in trace " + traceId + ", found " + named.size() + ":\n" + dump());
        }
        return named.get(0);
    }

    public List<SpanData> all(String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).toList();
    }

    /** The local root: the server span (its parent, if any, is remote). */
    public SpanData server() {
        List<SpanData> servers = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
        assertEquals(1, servers.size(), () -> "one server span expected:\n" + dump());
        return servers.get(0);
    }

    public List<SpanData> childrenOf(SpanData parent) {
        return spans.stream().filter(span -> span.getParentSpanId().equals(parent.getSpanId())).toList();
    }

    public List<String> childNamesOf(SpanData parent) {
        return childrenOf(parent).stream().map(SpanData::getName).sorted().toList();
    }

    public SpanTree assertChildOf(SpanData child, SpanData parent) {
        assertEquals(parent.getSpanId(), child.getParentSpanId(),
                () -> "'" + child.getName() + "' should be a child of '" + parent.getName() + "':\n" + dump());
        assertEquals(parent.getTraceId(), child.getTraceId());
        return this;
    }

    /** Every span's parent is in this trace, or is the remote caller of the server span: no stray parents. */
    public SpanTree assertConnected() {
        SpanData server = server();
        for (SpanData span : spans) {
            if (span == server) {
                continue;
            }
            assertTrue(spans.stream().anyMatch(candidate -> candidate.getSpanId().equals(span.getParentSpanId())),
                    () -> "'" + span.getName() + "' has a parent outside its trace:\n" + dump());
        }
        return this;
    }

    /** One line per span, indented under its parent, for failure messages. */
    public String dump() {
        StringBuilder out = new StringBuilder();
        List<SpanData> roots = spans.stream()
                .filter(span -> spans.stream().noneMatch(other -> other.getSpanId().equals(span.getParentSpanId())))
                .toList();
        roots.forEach(root -> dump(root, 0, out));
        return out.toString();
    }

    private void dump(SpanData span, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append(", ")
                .append(span.getStatus().getStatusCode()).append("] ")
                .append(span.getAttributes().asMap().entrySet().stream()
                        .map(entry -> entry.getKey().getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        childrenOf(span).forEach(child -> dump(child, depth + 1, out));
    }
}
