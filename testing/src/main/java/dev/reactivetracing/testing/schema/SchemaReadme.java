package dev.reactivetracing.testing.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reactivetracing.testing.schema.TelemetrySchema.AttributeDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.AttributeGroup;
import dev.reactivetracing.testing.schema.TelemetrySchema.AttributeRef;
import dev.reactivetracing.testing.schema.TelemetrySchema.EventDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.MetricDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.SpanDef;
import dev.reactivetracing.testing.schema.TelemetrySchema.TestOnly;

/**
 * Renders the schema as Markdown, {@code telemetry-schema/README.md}: the span tree, and tables of spans, attributes,
 * events and metrics. That file is generated: {@code SchemaReadmeTest} fails when it differs from what this renders.
 * Run {@link #main} (or that test with {@code -Dtelemetry.schema.write=true}) after changing the schema.
 */
public final class SchemaReadme {

    /** The generated file's name, beside the schema. */
    public static final String FILE_NAME = "README.md";
    public static final String REGENERATE = "./mvnw -o -pl testing test -Dtest=SchemaReadmeTest "
            + "-Dtelemetry.schema.write=true";

    private static final int TREE_NAME_WIDTH = 58;

    private final TelemetrySchema schema;
    private final StringBuilder out = new StringBuilder();

    private SchemaReadme(TelemetrySchema schema) {
        this.schema = schema;
    }

    /** Writes the README beside the schema ({@code args[0]}: another schema file). */
    public static void main(String[] args) throws IOException {
        TelemetrySchema schema = args.length > 0 ? TelemetrySchema.load(Path.of(args[0])) : TelemetrySchema.load();
        Path readme = readmeOf(schema);
        Files.writeString(readme, render(schema));
        System.out.println("Wrote " + readme);
    }

    public static Path readmeOf(TelemetrySchema schema) {
        return schema.location().toAbsolutePath().resolveSibling(FILE_NAME);
    }

    public static String render(TelemetrySchema schema) {
        return new SchemaReadme(schema).render();
    }

    private String render() {
        line("<!-- Generated from telemetry.yaml by dev.reactivetracing.testing.schema.SchemaReadme: do not edit.");
        line("     Change telemetry.yaml, then: " + REGENERATE + " -->");
        line("# Telemetry schema");
        line();
        line("The telemetry contract of " + String.join(" and ", schema.services()) + ", generated from"
                + " [`telemetry.yaml`](telemetry.yaml): every span, span event, attribute and metric the project"
                + " creates, and the spans and metrics of the Quarkus OpenTelemetry extension it relies on. Attribute"
                + " keys follow"
                + " the OpenTelemetry semantic conventions " + schema.semconvVersion() + " where they define one (the"
                + " `io.opentelemetry.semconv` constants); the project's own keys are all under `" + schema.namespace()
                + "`. No attribute carries personal data.");
        line();
        line("The trace tests check what the services export against `telemetry.yaml` (`SchemaChecker` in the"
                + " `testing` module): an unknown span, a wrong kind or parent, an unknown attribute, a value of the"
                + " wrong type or outside its allowed values fails them.");
        line();
        renderTree();
        renderSpans();
        renderGroups();
        renderAttributes();
        renderResource();
        renderEvents();
        renderMetrics();
        renderRenames();
        renderTestOnly();
        return out.toString();
    }

    private void renderTree() {
        line("## Span tree");
        line();
        line("Each span under the spans the schema allows as its parent. A span with several parents is shown in full"
                + " under the first and referred to under the others. `[root]`: it can also start a trace.");
        line();
        line("```text");
        for (SpanDef span : schema.spans()) {
            if (span.parents().isEmpty()) {
                tree(span, 0);
            }
        }
        line("```");
        line();
    }

    /** The span and, below it, the spans whose first parent it is, then those that may also have it as parent. */
    private void tree(SpanDef span, int depth) {
        treeLine(span, depth, "");
        List<SpanDef> children = schema.spans().stream().filter(child -> child.parents().contains(span.id()))
                .toList();
        children.stream().filter(child -> child.parents().get(0).equals(span.id()))
                .forEach(child -> tree(child, depth + 1));
        children.stream().filter(child -> !child.parents().get(0).equals(span.id()))
                .forEach(child -> treeLine(child, depth + 1,
                        " (see under " + label(schema.span(child.parents().get(0)).orElseThrow()) + ")"));
    }

    private void treeLine(SpanDef span, int depth, String reference) {
        String root = span.root().equals("never") || span.parents().isEmpty() ? "" : " [root]";
        out.append(pad("  ".repeat(depth) + label(span), TREE_NAME_WIDTH)).append(' ').append(pad(span.kind(), 9))
                .append(' ').append(span.service()).append(root).append(reference).append('\n');
    }

    private void renderSpans() {
        line("## Spans");
        line();
        line("| Span | Service | Kind | Parents | Root | Attributes | Events | Brief |");
        line("|---|---|---|---|---|---|---|---|");
        for (SpanDef span : schema.spans()) {
            List<String> names = span.names().stream().map(SchemaReadme::code).collect(Collectors.toList());
            if (span.namePattern() != null) {
                names.add("matching " + code(span.namePattern().pattern()));
            }
            String parents = span.parents().stream().map(id -> code(label(schema.span(id).orElseThrow())))
                    .collect(Collectors.joining("<br>"));
            if (span.remoteParent()) {
                parents += (parents.isEmpty() ? "" : "<br>") + "a span of another process";
            }
            String attributes = (span.extendsIds().isEmpty() ? ""
                    : "all of " + span.extendsIds().stream().map(id -> "*" + id + "*")
                            .collect(Collectors.joining(", ")))
                    + ownAttributes(span);
            String brief = join(span.brief(), span.source().equals("extension") ? "Made by the extension"
                    + (span.openAttributes() ? "; its own semantic-convention attributes are not listed." : ".")
                    : span.createdBy() == null ? null : "Made by `" + span.createdBy() + "`.",
                    span.nameNote(), span.parentNote());
            line(row(String.join("<br>", names), span.service(), span.kind(), parents, span.root(), attributes,
                    span.events().stream().map(SchemaReadme::code).collect(Collectors.joining(", ")), brief));
        }
        line();
    }

    private String ownAttributes(SpanDef span) {
        Set<String> inherited = new HashSet<>();
        for (String groupId : span.extendsIds()) {
            inheritedKeys(groupId, inherited);
        }
        List<String> own = span.attributes().values().stream().filter(ref -> !inherited.contains(ref.key()))
                .map(SchemaReadme::refText).toList();
        if (own.isEmpty()) {
            return "";
        }
        return (span.extendsIds().isEmpty() ? "" : ", and:<br>") + String.join("<br>", own);
    }

    private void inheritedKeys(String groupId, Set<String> into) {
        schema.attributeGroups().stream().filter(group -> group.id().equals(groupId)).forEach(group -> {
            group.extendsIds().forEach(parent -> inheritedKeys(parent, into));
            group.attributes().forEach(ref -> into.add(ref.key()));
        });
    }

    private void renderGroups() {
        line("## Attribute groups");
        line();
        line("Sets of attributes several spans share (`extends` in the schema).");
        line();
        line("| Group | Attributes | Brief |");
        line("|---|---|---|");
        for (AttributeGroup group : schema.attributeGroups()) {
            String attributes = (group.extendsIds().isEmpty() ? ""
                    : "all of " + group.extendsIds().stream().map(id -> "*" + id + "*")
                            .collect(Collectors.joining(", ")) + ", and:<br>")
                    + group.attributes().stream().map(SchemaReadme::refText).collect(Collectors.joining("<br>"));
            line(row("*" + group.id() + "*", attributes, group.brief()));
        }
        line();
    }

    private void renderAttributes() {
        line("## Attributes");
        line();
        line("Every attribute key the project sets or relies on. *Allowed* is what the checker enforces. Cardinality"
                + " `unbounded` (an id per order, say) is fine on spans and refused on metrics.");
        line();
        line("| Attribute | Type | Allowed | Cardinality | Personal data | Defined by | Brief |");
        line("|---|---|---|---|---|---|---|");
        for (AttributeDef attribute : schema.attributes()) {
            line(row(code(attribute.key()), attribute.type(), allowed(attribute), attribute.cardinality(),
                    attribute.personalData() ? "**yes**" : "none",
                    attribute.semconv() == null ? "this project"
                            : "semconv " + code(shortConstant(attribute.semconv())),
                    join(attribute.brief(), attribute.note())));
        }
        line();
    }

    private void renderResource() {
        line("## Resource attributes");
        line();
        line("On every span and metric of both services.");
        line();
        for (AttributeRef ref : schema.resourceAttributes()) {
            line("- " + refText(ref) + ": " + schema.attribute(ref.key()).map(AttributeDef::brief).orElse(""));
        }
        line();
    }

    private void renderEvents() {
        line("## Span events");
        line();
        line("| Event | Services | On | Attributes | Brief |");
        line("|---|---|---|---|---|");
        for (EventDef event : schema.events()) {
            line(row(code(event.name()), event.services().isEmpty() ? "all" : String.join(", ", event.services()),
                    "any".equals(event.spans()) ? "any span" : "the spans that list it",
                    event.attributes().values().stream().map(SchemaReadme::refText).collect(Collectors.joining("<br>")),
                    event.brief()));
        }
        line();
    }

    private void renderMetrics() {
        line("## Metrics");
        line();
        line("A metric whose name starts with " + schema.metricPrefixes().stream().map(SchemaReadme::code)
                .collect(Collectors.joining(", ")) + " belongs to this project and must be listed here.");
        line();
        line("| Metric | Service | Instrument | Unit | Attributes | Brief |");
        line("|---|---|---|---|---|---|");
        for (MetricDef metric : schema.metrics()) {
            String attributes = metric.attributes().values().stream().map(SchemaReadme::refText)
                    .collect(Collectors.joining("<br>"));
            if (metric.attributes().isEmpty()) {
                attributes = "none";
            }
            String source = metric.source().equals("extension")
                    ? "Made by the extension" + (metric.openAttributes() ? "; attributes not listed are its own." : ".")
                    : metric.createdBy() == null ? null : "Made by `" + metric.createdBy() + "`.";
            line(row(code(metric.name()), metric.service() == null ? "both" : metric.service(), metric.instrument(),
                    code(metric.unit()), attributes, join(metric.brief(), source)));
        }
        line();
    }

    private void renderRenames() {
        List<String[]> renames = new ArrayList<>();
        for (AttributeDef attribute : schema.attributes()) {
            attribute.renamedFrom().forEach(old -> renames.add(new String[] { old, attribute.key(), "attribute" }));
        }
        for (EventDef event : schema.events()) {
            event.renamedFrom().forEach(old -> renames.add(new String[] { old, event.name(), "event" }));
        }
        if (renames.isEmpty()) {
            return;
        }
        line("## Renamed");
        line();
        line("Names this project used before the schema, and what replaced them (dashboards, alerts and collector"
                + " rules that use an old name must move to the new one).");
        line();
        line("| Before | Now | What |");
        line("|---|---|---|");
        renames.forEach(rename -> line(row(code(rename[0]), code(rename[1]), rename[2])));
        line();
    }

    private void renderTestOnly() {
        if (schema.testOnly().isEmpty()) {
            return;
        }
        line("## Test-only spans");
        line();
        line("Spans only tests create; the checker skips them.");
        line();
        for (TestOnly exempt : schema.testOnly()) {
            line("- " + exempt.service() + ": " + exempt.names().stream().map(SchemaReadme::code)
                    .collect(Collectors.joining(", "))
                    + (exempt.namePattern() == null ? ""
                            : ", and names matching " + code(exempt.namePattern().pattern()))
                    + ". " + exempt.brief());
        }
    }

    private static String label(SpanDef span) {
        return span.names().size() == 1 ? span.names().get(0)
                : span.id() + " (" + span.names().size() + " routes)";
    }

    private static String refText(AttributeRef ref) {
        String level = switch (ref.requirementLevel()) {
            case "required" -> "required";
            case "conditionally_required" -> ref.condition();
            default -> ref.requirementLevel().replace('_', '-');
        };
        return code(ref.key()) + " (" + level + ")";
    }

    private static String allowed(AttributeDef attribute) {
        List<String> parts = new ArrayList<>();
        if (!attribute.values().isEmpty()) {
            parts.add(attribute.values().stream().map(value -> code(String.valueOf(value)))
                    .collect(Collectors.joining(", ")));
        }
        if (attribute.pattern() != null) {
            parts.add((parts.isEmpty() ? "matching " : "or matching ") + code(attribute.pattern().pattern()));
        }
        if (attribute.min() != null && attribute.max() != null) {
            parts.add(attribute.min() + " .. " + attribute.max());
        } else if (attribute.min() != null) {
            parts.add(">= " + attribute.min());
        } else if (attribute.max() != null) {
            parts.add("<= " + attribute.max());
        }
        if (attribute.maxLength() != null) {
            parts.add("at most " + attribute.maxLength() + " characters");
        }
        return String.join("; ", parts);
    }

    private static String shortConstant(String constant) {
        TelemetrySchema.SemconvConstant parsed = TelemetrySchema.SemconvConstant.parse(constant);
        String simpleClass = parsed.className().substring(parsed.className().lastIndexOf('.') + 1);
        return simpleClass + "." + parsed.fieldName() + (parsed.templateKey() == null ? ""
                : "[" + parsed.templateKey() + "]");
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    private static String join(String... sentences) {
        return java.util.Arrays.stream(sentences).filter(text -> text != null && !text.isBlank())
                .map(String::strip).collect(Collectors.joining(" "));
    }

    private static String row(String... cells) {
        return "| " + java.util.Arrays.stream(cells).map(cell -> cell == null ? "" : cell.replace("|", "\\|")
                .replace("\n", " ")).collect(Collectors.joining(" | ")) + " |";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
