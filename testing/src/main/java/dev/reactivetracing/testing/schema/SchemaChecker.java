package dev.reactivetracing.testing.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.reactivetracing.testing.schema.CheckedSpan.CheckedEvent;
import dev.reactivetracing.testing.schema.TelemetrySchema.AttributeDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.AttributeRef;
import dev.reactivetracing.testing.schema.TelemetrySchema.EventDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.MetricDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.SpanDef;
import dev.reactivetracing.testing.schema.Violation.Kind;

/**
 * Validates spans, their events and metrics against the {@link TelemetrySchema}: span names, kinds and parents;
 * attribute keys, types and values; required attributes; event names and attributes; metric instruments, units and
 * attributes. Spans the schema lists as test-only are skipped. A parent is checked when it is among the spans checked
 * together (or known to be remote); a span whose parent has not arrived is not a violation.
 */
public final class SchemaChecker {

    private final TelemetrySchema schema;

    public SchemaChecker(TelemetrySchema schema) {
        this.schema = schema;
    }

    public List<Violation> checkSpans(Collection<CheckedSpan> spans) {
        Map<String, CheckedSpan> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.traceId() + "/" + span.spanId(), span));
        List<Violation> violations = new ArrayList<>();
        for (CheckedSpan span : spans) {
            if (schema.isTestOnly(span.service(), span.name())) {
                continue;
            }
            Optional<SpanDef> definition = definitionOf(span, violations);
            if (definition.isEmpty()) {
                continue;
            }
            checkParent(span, definition.get(), byId, violations);
            checkAttributes(span.label(), span.attributes(), definition.get().attributes(),
                    definition.get().openAttributes(), violations);
            checkEvents(span, definition.get(), violations);
        }
        return violations;
    }

    public List<Violation> checkMetrics(Collection<CheckedMetric> metrics) {
        List<Violation> violations = new ArrayList<>();
        for (CheckedMetric metric : metrics) {
            String label = metric.service() + " metric '" + metric.name() + "'";
            Optional<MetricDef> found = schema.metric(metric.name());
            if (found.isEmpty()) {
                if (schema.metricPrefixes().stream().anyMatch(metric.name()::startsWith)) {
                    violations.add(new Violation(Kind.UNKNOWN_METRIC, label + " is in this project's metric namespace "
                            + schema.metricPrefixes() + " but not in " + TelemetrySchema.RELATIVE_PATH));
                }
                continue;
            }
            MetricDef definition = found.get();
            if (definition.service() != null && !definition.service().equals(metric.service())) {
                violations.add(new Violation(Kind.UNKNOWN_METRIC, label + " is declared for "
                        + definition.service() + " only"));
            }
            if (!instrumentMatches(definition.instrument(), metric)) {
                String monotonic = metric.monotonic() == null ? ""
                        : metric.monotonic() ? " (monotonic)" : " (not monotonic)";
                violations.add(new Violation(Kind.WRONG_INSTRUMENT, label + " is a " + definition.instrument()
                        + " in the schema, exported as " + metric.type() + monotonic));
            }
            if (!Objects.equals(definition.unit(), metric.unit())) {
                violations.add(new Violation(Kind.WRONG_UNIT, label + " has unit '" + metric.unit()
                        + "', the schema says '" + definition.unit() + "'"));
            }
            for (Map<String, Object> point : metric.pointAttributes()) {
                checkAttributes(label, point, definition.attributes(), definition.openAttributes(), violations);
            }
        }
        return violations;
    }

    private Optional<SpanDef> definitionOf(CheckedSpan span, List<Violation> violations) {
        if (!schema.services().contains(span.service())) {
            violations.add(new Violation(Kind.UNKNOWN_SERVICE, span.label() + ": service '" + span.service()
                    + "' is not in " + TelemetrySchema.RELATIVE_PATH + " " + schema.services()));
            return Optional.empty();
        }
        List<SpanDef> named = schema.spans().stream()
                .filter(definition -> definition.service().equals(span.service())
                        && definition.matchesName(span.name()))
                .toList();
        if (named.isEmpty()) {
            String elsewhere = schema.spans().stream().filter(definition -> definition.matchesName(span.name()))
                    .map(SpanDef::service).distinct().collect(Collectors.joining(", "));
            violations.add(new Violation(Kind.UNKNOWN_SPAN, span.label() + " is not a span "
                    + TelemetrySchema.RELATIVE_PATH + " lists for " + span.service()
                    + (elsewhere.isEmpty() ? "" : " (only for " + elsewhere + ")") + "; it lists: "
                    + schema.spanNamesOf(span.service())));
            return Optional.empty();
        }
        Optional<SpanDef> ofKind = named.stream().filter(definition -> definition.kind().equals(span.kind()))
                .findFirst();
        if (ofKind.isEmpty()) {
            violations.add(new Violation(Kind.WRONG_KIND, span.label() + " should be "
                    + named.stream().map(SpanDef::kind).distinct().collect(Collectors.joining(" or "))
                    + " (" + named.get(0).id() + ")"));
        }
        return ofKind;
    }

    private void checkParent(CheckedSpan span, SpanDef definition, Map<String, CheckedSpan> byId,
            List<Violation> violations) {
        String allowed = allowedParents(definition);
        if (span.isRoot()) {
            if (definition.root().equals("never")) {
                violations.add(new Violation(Kind.WRONG_PARENT, span.label() + " is a root span; "
                        + definition.id() + " has parents " + allowed));
            }
            return;
        }
        if (definition.root().equals("always")) {
            violations.add(new Violation(Kind.WRONG_PARENT, span.label() + " has a parent; " + definition.id()
                    + " is always a root span"));
            return;
        }
        CheckedSpan parent = byId.get(span.traceId() + "/" + span.parentSpanId());
        if (parent == null) {
            if (Boolean.TRUE.equals(span.parentRemote()) && !definition.remoteParent()) {
                violations.add(new Violation(Kind.WRONG_PARENT, span.label() + " has a parent in another process; "
                        + definition.id() + " has parents " + allowed));
            }
            return; // not among the spans checked: not exported yet, or of a caller outside the system
        }
        if (schema.isTestOnly(parent.service(), parent.name())) {
            return;
        }
        List<String> parentIds = schema.spans().stream()
                .filter(candidate -> candidate.service().equals(parent.service())
                        && candidate.matchesName(parent.name()) && candidate.kind().equals(parent.kind()))
                .map(SpanDef::id).toList();
        if (parentIds.isEmpty()) {
            return; // the parent itself is reported as unknown
        }
        if (parentIds.stream().noneMatch(definition.parents()::contains)) {
            violations.add(new Violation(Kind.WRONG_PARENT, span.label() + " is a child of " + parent.label()
                    + " (" + String.join(", ", parentIds) + "); " + definition.id() + " has parents " + allowed));
        }
    }

    private static String allowedParents(SpanDef definition) {
        List<String> allowed = new ArrayList<>(definition.parents());
        if (definition.remoteParent()) {
            allowed.add("(a span of another process)");
        }
        if (!definition.root().equals("never")) {
            allowed.add("(none: a root span)");
        }
        return allowed.toString();
    }

    private void checkEvents(CheckedSpan span, SpanDef definition, List<Violation> violations) {
        for (CheckedEvent event : span.events()) {
            String label = span.label() + " event '" + event.name() + "'";
            Optional<EventDef> found = schema.event(event.name());
            if (found.isEmpty()) {
                violations.add(new Violation(Kind.UNKNOWN_EVENT, label + " is not in "
                        + TelemetrySchema.RELATIVE_PATH));
                continue;
            }
            EventDef eventDefinition = found.get();
            boolean anySpan = "any".equals(eventDefinition.spans());
            if (!eventDefinition.services().isEmpty() && !eventDefinition.services().contains(span.service())) {
                violations.add(new Violation(Kind.UNKNOWN_EVENT, label + " is declared for "
                        + eventDefinition.services() + " only"));
            } else if (!anySpan && !definition.events().contains(event.name())) {
                violations.add(new Violation(Kind.UNKNOWN_EVENT, label + ": " + definition.id() + " has events "
                        + definition.events()));
            }
            checkAttributes(label, event.attributes(), eventDefinition.attributes(), false, violations);
        }
    }

    /**
     * Each attribute is declared (unless {@code open} and outside the project's namespace), has the declared type and
     * an allowed value; every required one is there.
     */
    private void checkAttributes(String label, Map<String, Object> values, Map<String, AttributeRef> declared,
            boolean open, List<Violation> violations) {
        values.forEach((key, value) -> {
            if (!declared.containsKey(key)) {
                if (!open || key.startsWith(schema.namespace())) {
                    violations.add(new Violation(Kind.UNKNOWN_ATTRIBUTE, label + " has attribute " + key
                            + ", which the schema does not list there"
                            + (schema.attribute(key).isPresent() ? "" : " (nor anywhere)")));
                }
                return;
            }
            schema.attribute(key).ifPresent(definition -> checkValue(label, definition, value, violations));
        });
        declared.values().stream()
                .filter(ref -> ref.required() && !values.containsKey(ref.key()))
                .forEach(ref -> violations.add(new Violation(Kind.MISSING_ATTRIBUTE, label + " lacks " + ref.key()
                        + ", which the schema requires")));
    }

    private static void checkValue(String label, AttributeDef definition, Object value, List<Violation> violations) {
        String actualType = typeOf(value);
        boolean emptyArray = value instanceof List<?> list && list.isEmpty();
        if (!(emptyArray ? definition.isArray() : definition.type().equals(actualType))) {
            violations.add(new Violation(Kind.WRONG_TYPE, label + ": " + definition.key() + " is " + actualType + " ("
                    + value + "), the schema says " + definition.type()));
            return;
        }
        List<?> elements = value instanceof List<?> list ? list : List.of(value);
        for (Object element : elements) {
            String problem = problemWith(definition, element);
            if (problem != null) {
                violations.add(new Violation(Kind.VALUE_NOT_ALLOWED, label + ": " + definition.key() + " = "
                        + abbreviate(element) + " " + problem));
            }
        }
    }

    /** Why a (scalar) value is not allowed, or null if it is. */
    static String problemWith(AttributeDef definition, Object value) {
        Object normalised = TelemetrySchema.Node.normalise(value);
        boolean enumerated = !definition.values().isEmpty() || definition.pattern() != null;
        if (enumerated && !definition.values().contains(normalised)
                && (definition.pattern() == null || !definition.pattern().matcher(String.valueOf(value)).matches())) {
            return "is not allowed: " + (definition.values().isEmpty() ? "" : "one of " + definition.values())
                    + (definition.values().isEmpty() || definition.pattern() == null ? "" : " or ")
                    + (definition.pattern() == null ? "" : "matching " + definition.pattern().pattern());
        }
        if (normalised instanceof Number number && !(normalised instanceof Double)) {
            long amount = number.longValue();
            if ((definition.min() != null && amount < definition.min())
                    || (definition.max() != null && amount > definition.max())) {
                return "is outside " + (definition.min() == null ? "" : definition.min()) + ".."
                        + (definition.max() == null ? "" : definition.max());
            }
        }
        if (definition.maxLength() != null && value instanceof String text && text.length() > definition.maxLength()) {
            return "is longer than " + definition.maxLength() + " characters (" + text.length() + ")";
        }
        return null;
    }

    static String typeOf(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : typeOf(list.get(0)) + "[]";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "int";
        }
        if (value instanceof Double || value instanceof Float) {
            return "double";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static boolean instrumentMatches(String instrument, CheckedMetric metric) {
        return switch (instrument) {
            case "counter" -> metric.type().equals("sum") && !Boolean.FALSE.equals(metric.monotonic());
            case "updowncounter" -> metric.type().equals("sum") && !Boolean.TRUE.equals(metric.monotonic());
            case "histogram" -> metric.type().equals("histogram") || metric.type().equals("exponential_histogram");
            case "gauge" -> metric.type().equals("gauge");
            default -> false;
        };
    }

    private static String abbreviate(Object value) {
        String text = value instanceof String string ? "'" + string + "'" : String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
