package dev.reactivetracing.testing.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code telemetry-schema/telemetry.yaml}, read and checked for consistency: every reference resolves, every key of
 * this project is in its namespace, no attribute may carry personal data, no metric attribute is unbounded. The file
 * explains its fields; {@link SchemaChecker} validates telemetry against it, {@link SchemaReadme} renders it.
 */
public final class TelemetrySchema {

    /** Where the schema lives, relative to the repository root. */
    public static final String RELATIVE_PATH = "telemetry-schema/telemetry.yaml";
    /** Overrides where the schema is read from (a path to the YAML file). */
    public static final String LOCATION_PROPERTY = "telemetry.schema";

    static final Set<String> TYPES = Set.of("string", "int", "double", "boolean", "string[]", "int[]", "double[]",
            "boolean[]");
    static final Set<String> REQUIREMENT_LEVELS = Set.of("required", "conditionally_required", "recommended",
            "opt_in");
    static final Set<String> KINDS = Set.of("SERVER", "CLIENT", "PRODUCER", "CONSUMER", "INTERNAL");
    static final Set<String> ROOT = Set.of("never", "allowed", "always");
    static final Set<String> INSTRUMENTS = Set.of("counter", "updowncounter", "histogram", "gauge");

    private static volatile TelemetrySchema loaded;

    private final Path location;
    private final String namespace;
    private final String semconvVersion;
    private final List<String> services;
    private final Map<String, AttributeDef> attributes;
    private final List<AttributeRef> resourceAttributes;
    private final Map<String, AttributeGroup> groups;
    private final Map<String, SpanDef> spans;
    private final Map<String, EventDef> events;
    private final Map<String, MetricDef> metrics;
    private final List<String> metricPrefixes;
    private final List<TestOnly> testOnly;

    private TelemetrySchema(Path location, Map<String, Object> root) {
        this.location = location;
        List<String> problems = new ArrayList<>();
        Node top = new Node(root, "schema", problems);
        this.namespace = top.string("namespace", true) + ".";
        this.semconvVersion = top.string("semconv_version", true);
        this.services = top.strings("services");
        this.attributes = new LinkedHashMap<>();
        for (Node node : top.nodes("attributes")) {
            AttributeDef attribute = AttributeDef.read(node);
            if (attributes.put(attribute.key(), attribute) != null) {
                problems.add("attribute " + attribute.key() + " is declared twice");
            }
        }
        this.resourceAttributes = top.nodes("resource_attributes").stream().map(AttributeRef::read).toList();
        this.groups = new LinkedHashMap<>();
        for (Node node : top.nodes("attribute_groups")) {
            AttributeGroup group = new AttributeGroup(node.string("id", true), node.string("brief", false),
                    node.stringOrStrings("extends"),
                    node.nodes("attributes").stream().map(AttributeRef::read).toList());
            if (groups.put(group.id(), group) != null) {
                problems.add("attribute group " + group.id() + " is declared twice");
            }
        }
        this.spans = new LinkedHashMap<>();
        for (Node node : top.nodes("spans")) {
            SpanDef span = SpanDef.read(node, this::resolveAttributes);
            if (spans.put(span.id(), span) != null) {
                problems.add("span " + span.id() + " is declared twice");
            }
        }
        this.events = new LinkedHashMap<>();
        for (Node node : top.nodes("events")) {
            EventDef event = new EventDef(node.string("name", true), node.string("source", true),
                    node.string("brief", true), node.strings("services"), node.string("spans", false),
                    node.strings("renamed_from"), refsByKey(node.nodes("attributes")));
            events.put(event.name(), event);
        }
        this.metrics = new LinkedHashMap<>();
        for (Node node : top.nodes("metrics")) {
            MetricDef metric = new MetricDef(node.string("name", true), node.string("service", false),
                    node.string("instrument", true), node.string("unit", true), node.string("source", true),
                    node.string("created_by", false), node.string("brief", true),
                    node.bool("open_attributes", false), refsByKey(node.nodes("attributes")));
            metrics.put(metric.name(), metric);
        }
        this.metricPrefixes = top.strings("metric_prefixes");
        this.testOnly = top.nodes("test_only").stream().map(node -> new TestOnly(node.string("service", true),
                node.string("brief", true), node.strings("names"), node.pattern("name_pattern"))).toList();
        validate(problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The telemetry schema " + location + " is not consistent:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** The project's schema (found as {@link #defaultLocation()} says), read once per JVM. */
    public static TelemetrySchema load() {
        TelemetrySchema schema = loaded;
        if (schema == null) {
            synchronized (TelemetrySchema.class) {
                if (loaded == null) {
                    loaded = load(defaultLocation());
                }
                schema = loaded;
            }
        }
        return schema;
    }

    public static TelemetrySchema load(Path file) {
        try {
            return parse(Files.readString(file), file);
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot read the telemetry schema " + file, failure);
        }
    }

    @SuppressWarnings("unchecked")
    public static TelemetrySchema parse(String yaml, Path location) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalStateException("The telemetry schema " + location + " is not a YAML mapping");
        }
        return new TelemetrySchema(location, (Map<String, Object>) map);
    }

    /**
     * {@value #LOCATION_PROPERTY} if set, else {@value #RELATIVE_PATH} in the working directory or the nearest parent
     * that has it (tests run in a module's directory, the schema is at the repository root).
     */
    public static Path defaultLocation() {
        String configured = System.getProperty(LOCATION_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + RELATIVE_PATH + " in " + start + " or above it; set -D"
                + LOCATION_PROPERTY + "=<path>");
    }

    public Path location() {
        return location;
    }

    /** The project's attribute namespace with its trailing dot: {@code reactivetracing.}. */
    public String namespace() {
        return namespace;
    }

    public String semconvVersion() {
        return semconvVersion;
    }

    public List<String> services() {
        return services;
    }

    public Collection<AttributeDef> attributes() {
        return attributes.values();
    }

    public Optional<AttributeDef> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    public List<AttributeRef> resourceAttributes() {
        return resourceAttributes;
    }

    public Collection<AttributeGroup> attributeGroups() {
        return groups.values();
    }

    public Collection<SpanDef> spans() {
        return spans.values();
    }

    public Optional<SpanDef> span(String id) {
        return Optional.ofNullable(spans.get(id));
    }

    public Collection<EventDef> events() {
        return events.values();
    }

    public Optional<EventDef> event(String name) {
        return Optional.ofNullable(events.get(name));
    }

    public Collection<MetricDef> metrics() {
        return metrics.values();
    }

    public Optional<MetricDef> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public List<String> metricPrefixes() {
        return metricPrefixes;
    }

    public List<TestOnly> testOnly() {
        return testOnly;
    }

    /** Whether a span of {@code service} named {@code name} is one only tests make (and the checker skips). */
    public boolean isTestOnly(String service, String name) {
        return testOnly.stream().anyMatch(exempt -> exempt.service().equals(service) && (exempt.names().contains(name)
                || (exempt.namePattern() != null && exempt.namePattern().matcher(name).matches())));
    }

    /** Every span name (or pattern) of a service, for a failure message. */
    List<String> spanNamesOf(String service) {
        List<String> names = new ArrayList<>();
        for (SpanDef span : spans.values()) {
            if (span.service().equals(service)) {
                names.addAll(span.names());
                if (span.namePattern() != null) {
                    names.add("/" + span.namePattern().pattern() + "/");
                }
            }
        }
        return names;
    }

    /**
     * The attribute keys declared as {@code public static final AttributeKey} fields of {@code holders} (the code's
     * constants) that this schema does not declare, or declares with another type: empty when code and schema agree.
     */
    public List<String> undeclaredKeysIn(Class<?>... holders) {
        List<String> problems = new ArrayList<>();
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())
                        || !field.getType().getName().equals("io.opentelemetry.api.common.AttributeKey")) {
                    continue;
                }
                String key = String.valueOf(readKey(field));
                String where = holder.getSimpleName() + "." + field.getName();
                AttributeDef declared = attributes.get(key);
                String codeType = schemaTypeOf(field.getGenericType());
                if (declared == null) {
                    problems.add(where + " = " + key + " is not in " + RELATIVE_PATH);
                } else if (codeType != null && !codeType.equals(declared.type())) {
                    problems.add(where + " = " + key + " is " + codeType + " in the code, " + declared.type()
                            + " in the schema");
                }
            }
        }
        return problems;
    }

    /**
     * For every attribute that names its {@code io.opentelemetry.semconv} constant: the constant exists on this
     * classpath and has the schema's key and type. Empty when they agree. Needs the semconv jars on the classpath
     * (the services have them, through the OpenTelemetry extension).
     */
    public List<String> semconvMismatches() {
        List<String> problems = new ArrayList<>();
        for (AttributeDef attribute : attributes.values()) {
            if (attribute.semconv() == null) {
                continue;
            }
            try {
                SemconvConstant constant = SemconvConstant.parse(attribute.semconv());
                Field field = Class.forName(constant.className()).getField(constant.fieldName());
                Object value = field.get(null);
                String type;
                if (constant.templateKey() != null) {
                    Method lookup = value.getClass().getMethod("getAttributeKey", String.class);
                    lookup.setAccessible(true);
                    value = lookup.invoke(value, constant.templateKey());
                    type = schemaTypeOf(((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0]);
                } else {
                    type = schemaTypeOf(field.getGenericType());
                }
                String key = String.valueOf(readKey(value));
                if (!key.equals(attribute.key())) {
                    problems.add(attribute.semconv() + " is '" + key + "', the schema says '" + attribute.key() + "'");
                } else if (type != null && !type.equals(attribute.type())) {
                    problems.add(attribute.semconv() + " is " + type + ", the schema says " + attribute.type());
                }
            } catch (ReflectiveOperationException | RuntimeException failure) {
                problems.add(attribute.key() + ": cannot read " + attribute.semconv() + " (" + failure + ")");
            }
        }
        return problems;
    }

    private static Object readKey(Field field) {
        try {
            return readKey(field.get(null));
        } catch (IllegalAccessException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** {@code AttributeKey.getKey()}, reflectively: this module does not need the semconv jars to compile. */
    private static Object readKey(Object attributeKey) {
        try {
            Method getKey = attributeKey.getClass().getMethod("getKey");
            getKey.setAccessible(true);
            return getKey.invoke(attributeKey);
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("Not an AttributeKey: " + attributeKey, failure);
        }
    }

    /** The schema type of {@code AttributeKey<T>} (or of {@code T}), or null if it cannot tell. */
    private static String schemaTypeOf(Type type) {
        Type valueType = type instanceof ParameterizedType parameterized
                && parameterized.getRawType().getTypeName().endsWith("AttributeKey")
                        ? parameterized.getActualTypeArguments()[0]
                        : type;
        if (valueType instanceof ParameterizedType list && list.getRawType().getTypeName().equals("java.util.List")) {
            String element = schemaTypeOf(list.getActualTypeArguments()[0]);
            return element == null ? null : element + "[]";
        }
        return switch (valueType.getTypeName()) {
            case "java.lang.String" -> "string";
            case "java.lang.Long" -> "int";
            case "java.lang.Double" -> "double";
            case "java.lang.Boolean" -> "boolean";
            default -> null;
        };
    }

    private Map<String, AttributeRef> resolveAttributes(List<String> extendsIds, List<AttributeRef> own,
            List<String> problems, String owner) {
        Map<String, AttributeRef> resolved = new LinkedHashMap<>();
        for (String groupId : extendsIds) {
            addGroup(groupId, resolved, problems, owner, new LinkedHashSet<>());
        }
        own.forEach(ref -> resolved.put(ref.key(), ref));
        return resolved;
    }

    private void addGroup(String groupId, Map<String, AttributeRef> into, List<String> problems, String owner,
            Set<String> visiting) {
        AttributeGroup group = groups.get(groupId);
        if (group == null) {
            problems.add(owner + " extends unknown attribute group '" + groupId + "'");
            return;
        }
        if (!visiting.add(groupId)) {
            problems.add("attribute group '" + groupId + "' extends itself");
            return;
        }
        for (String parent : group.extendsIds()) {
            addGroup(parent, into, problems, owner, visiting);
        }
        group.attributes().forEach(ref -> into.put(ref.key(), ref));
    }

    private static Map<String, AttributeRef> refsByKey(List<Node> nodes) {
        Map<String, AttributeRef> refs = new LinkedHashMap<>();
        nodes.stream().map(AttributeRef::read).forEach(ref -> refs.put(ref.key(), ref));
        return refs;
    }

    private void validate(List<String> problems) {
        for (AttributeDef attribute : attributes.values()) {
            String key = attribute.key();
            if (!TYPES.contains(attribute.type())) {
                problems.add(key + ": unknown type '" + attribute.type() + "'");
            }
            if (attribute.semconv() == null && !key.startsWith(namespace)) {
                problems.add(key + ": an attribute of this project must be under '" + namespace
                        + "' (or name its io.opentelemetry.semconv constant)");
            }
            if (attribute.semconv() != null && key.startsWith(namespace)) {
                problems.add(key + ": in the project's namespace but names a semconv constant");
            }
            if (attribute.personalData()) {
                problems.add(key + ": personal_data must be false: no attribute may carry personal data");
            }
            if (!Set.of("bounded", "unbounded").contains(attribute.cardinality())) {
                problems.add(key + ": cardinality must be bounded or unbounded");
            }
            boolean bounded = !attribute.values().isEmpty() || attribute.pattern() != null || attribute.min() != null
                    || attribute.max() != null || attribute.maxLength() != null;
            if (!bounded) {
                problems.add(key + ": needs values, pattern, min/max or max_length: every attribute is bounded");
            }
        }
        for (AttributeRef ref : resourceAttributes) {
            checkRef(ref, "resource_attributes", problems);
        }
        for (AttributeGroup group : groups.values()) {
            group.attributes().forEach(ref -> checkRef(ref, "attribute group " + group.id(), problems));
            // Resolving reports unknown or circular groups.
            resolveAttributes(group.extendsIds(), List.of(), problems, "attribute group " + group.id());
        }
        for (SpanDef span : spans.values()) {
            String owner = "span " + span.id();
            problems.addAll(span.readProblems());
            if (!services.contains(span.service())) {
                problems.add(owner + ": unknown service '" + span.service() + "'");
            }
            if (!KINDS.contains(span.kind())) {
                problems.add(owner + ": unknown kind '" + span.kind() + "'");
            }
            if (!ROOT.contains(span.root())) {
                problems.add(owner + ": root must be never, allowed or always");
            }
            if (!Set.of("project", "extension").contains(span.source())) {
                problems.add(owner + ": source must be project or extension");
            }
            if (span.names().isEmpty() && span.namePattern() == null) {
                problems.add(owner + ": needs name, names or name_pattern");
            }
            if (span.parents().isEmpty() && !span.root().equals("always") && !span.remoteParent()) {
                problems.add(owner + ": has no parents but is not a root span");
            }
            for (String parent : span.parents()) {
                if (!spans.containsKey(parent)) {
                    problems.add(owner + ": unknown parent span '" + parent + "'");
                }
            }
            span.attributes().values().forEach(ref -> checkRef(ref, owner, problems));
            for (String event : span.events()) {
                if (!events.containsKey(event)) {
                    problems.add(owner + ": unknown event '" + event + "'");
                }
            }
        }
        for (EventDef event : events.values()) {
            event.attributes().values().forEach(ref -> checkRef(ref, "event " + event.name(), problems));
            if (event.source().equals("project") && !event.name().startsWith(namespace)) {
                problems.add("event " + event.name() + ": an event of this project must be under '" + namespace + "'");
            }
        }
        for (MetricDef metric : metrics.values()) {
            String owner = "metric " + metric.name();
            if (!INSTRUMENTS.contains(metric.instrument())) {
                problems.add(owner + ": unknown instrument '" + metric.instrument() + "'");
            }
            if (metric.service() != null && !services.contains(metric.service())) {
                problems.add(owner + ": unknown service '" + metric.service() + "'");
            }
            for (AttributeRef ref : metric.attributes().values()) {
                checkRef(ref, owner, problems);
                AttributeDef attribute = attributes.get(ref.key());
                if (attribute != null && attribute.cardinality().equals("unbounded")) {
                    problems.add(owner + ": " + ref.key() + " has unbounded cardinality, never a metric attribute");
                }
            }
        }
    }

    private void checkRef(AttributeRef ref, String owner, List<String> problems) {
        if (!attributes.containsKey(ref.key())) {
            problems.add(owner + ": unknown attribute '" + ref.key() + "'");
        }
        if (!REQUIREMENT_LEVELS.contains(ref.requirementLevel())) {
            problems.add(owner + ": " + ref.key() + " has requirement_level '" + ref.requirementLevel() + "'");
        }
        if (ref.requirementLevel().equals("conditionally_required") && ref.condition() == null) {
            problems.add(owner + ": " + ref.key() + " is conditionally_required without a condition");
        }
    }

    /** One attribute of the registry. {@code values} holds Strings, Longs, Doubles or Booleans. */
    public record AttributeDef(String key, String type, String brief, String note, String semconv, List<Object> values,
            Pattern pattern, Long min, Long max, Integer maxLength, String cardinality, boolean personalData,
            List<String> renamedFrom) {

        static AttributeDef read(Node node) {
            return new AttributeDef(node.string("key", true), node.string("type", true), node.string("brief", true),
                    node.string("note", false), node.string("semconv", false), node.values("values"),
                    node.pattern("pattern"), node.number("min"), node.number("max"),
                    node.number("max_length") == null ? null : node.number("max_length").intValue(),
                    node.string("cardinality", true), node.bool("personal_data", true), node.strings("renamed_from"));
        }

        public boolean isProjects() {
            return semconv == null;
        }

        public boolean isArray() {
            return type.endsWith("[]");
        }
    }

    /** A use of an attribute on a span, event, metric or resource, with its requirement level there. */
    public record AttributeRef(String key, String requirementLevel, String condition, String note) {

        static AttributeRef read(Node node) {
            return new AttributeRef(node.string("ref", true), node.string("requirement_level", true),
                    node.string("condition", false), node.string("note", false));
        }

        public boolean required() {
            return requirementLevel.equals("required");
        }
    }

    public record AttributeGroup(String id, String brief, List<String> extendsIds, List<AttributeRef> attributes) {
    }

    /**
     * One span, or one family of spans (the extension's HTTP server spans of a service: several names). {@code
     * attributes} includes what the groups it extends bring.
     */
    public record SpanDef(String id, String service, List<String> names, Pattern namePattern, String nameNote,
            String kind, String source, String createdBy, String brief, String root, boolean remoteParent,
            List<String> parents, String parentNote, boolean openAttributes, List<String> extendsIds,
            Map<String, AttributeRef> attributes, List<String> events, List<String> readProblems) {

        static SpanDef read(Node node, AttributeResolver resolver) {
            List<String> problems = new ArrayList<>();
            String id = node.string("id", true);
            List<String> names = new ArrayList<>(node.strings("names"));
            String name = node.string("name", false);
            if (name != null) {
                names.add(0, name);
            }
            List<String> extendsIds = node.stringOrStrings("extends");
            List<AttributeRef> own = node.nodes("attributes").stream().map(AttributeRef::read).toList();
            return new SpanDef(id, node.string("service", true), List.copyOf(names), node.pattern("name_pattern"),
                    node.string("name_note", false), node.string("kind", true), node.string("source", true),
                    node.string("created_by", false), node.string("brief", false),
                    Objects.requireNonNullElse(node.string("root", false), "never"),
                    node.bool("remote_parent", false), node.strings("parents"), node.string("parent_note", false),
                    node.bool("open_attributes", false), extendsIds,
                    resolver.resolve(extendsIds, own, problems, "span " + id), node.strings("events"), problems);
        }

        public boolean matchesName(String spanName) {
            return names.contains(spanName) || (namePattern != null && namePattern.matcher(spanName).matches());
        }

        public boolean isProjects() {
            return source.equals("project");
        }

        /** A readable name: the span name, or the first of its names. */
        public String displayName() {
            if (names.size() == 1) {
                return names.get(0);
            }
            return names.isEmpty() ? "/" + namePattern.pattern() + "/" : names.get(0) + " ...";
        }
    }

    interface AttributeResolver {
        Map<String, AttributeRef> resolve(List<String> extendsIds, List<AttributeRef> own, List<String> problems,
                String owner);
    }

    /** A span event: on any span ({@code spans: any}) of the listed services (all if none). */
    public record EventDef(String name, String source, String brief, List<String> services, String spans,
            List<String> renamedFrom, Map<String, AttributeRef> attributes) {
    }

    public record MetricDef(String name, String service, String instrument, String unit, String source,
            String createdBy, String brief, boolean openAttributes, Map<String, AttributeRef> attributes) {
    }

    public record TestOnly(String service, String brief, List<String> names, Pattern namePattern) {
    }

    /** {@code io.opentelemetry.semconv.HttpAttributes.HTTP_REQUEST_HEADER[x-request-id]}, taken apart. */
    record SemconvConstant(String className, String fieldName, String templateKey) {

        static SemconvConstant parse(String reference) {
            String templateKey = null;
            String constant = reference;
            int bracket = reference.indexOf('[');
            if (bracket > 0 && reference.endsWith("]")) {
                templateKey = reference.substring(bracket + 1, reference.length() - 1);
                constant = reference.substring(0, bracket);
            }
            int dot = constant.lastIndexOf('.');
            return new SemconvConstant(constant.substring(0, dot), constant.substring(dot + 1), templateKey);
        }
    }

    /** A YAML mapping with typed accessors that collect problems instead of throwing one at a time. */
    static final class Node {

        private final Map<?, ?> map;
        private final String path;
        private final List<String> problems;

        Node(Map<?, ?> map, String path, List<String> problems) {
            this.map = map;
            this.path = path;
            this.problems = problems;
        }

        String string(String field, boolean required) {
            Object value = map.get(field);
            if (value == null) {
                if (required) {
                    problems.add(path + ": '" + field + "' is missing");
                }
                return required ? "" : null;
            }
            return value.toString();
        }

        boolean bool(String field, boolean required) {
            Object value = map.get(field);
            if (value instanceof Boolean flag) {
                return flag;
            }
            if (value != null || required) {
                problems.add(path + ": '" + field + "' must be true or false");
            }
            return false;
        }

        Long number(String field) {
            Object value = map.get(field);
            if (value == null) {
                return null;
            }
            if (value instanceof Number number) {
                return number.longValue();
            }
            problems.add(path + ": '" + field + "' must be a number");
            return null;
        }

        Pattern pattern(String field) {
            String regex = string(field, false);
            if (regex == null) {
                return null;
            }
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException invalid) {
                problems.add(path + ": '" + field + "' is not a regular expression: " + invalid.getMessage());
                return null;
            }
        }

        List<String> strings(String field) {
            Object value = map.get(field);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            problems.add(path + ": '" + field + "' must be a list");
            return List.of();
        }

        List<String> stringOrStrings(String field) {
            Object value = map.get(field);
            return value instanceof String single ? List.of(single) : strings(field);
        }

        /** Scalars normalised to String, Long, Double or Boolean. */
        List<Object> values(String field) {
            Object value = map.get(field);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": '" + field + "' must be a list");
                return List.of();
            }
            return list.stream().map(Node::normalise).toList();
        }

        List<Node> nodes(String field) {
            Object value = map.get(field);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": '" + field + "' must be a list");
                return List.of();
            }
            List<Node> nodes = new ArrayList<>();
            for (int index = 0; index < list.size(); index++) {
                Object item = list.get(index);
                String itemPath = path + "." + field + "[" + index + "]";
                if (item instanceof Map<?, ?> itemMap) {
                    Object label = itemMap.containsKey("id") ? itemMap.get("id")
                            : itemMap.containsKey("key") ? itemMap.get("key")
                                    : itemMap.containsKey("name") ? itemMap.get("name") : itemMap.get("ref");
                    nodes.add(new Node(itemMap, label == null ? itemPath : itemPath + " (" + label + ")", problems));
                } else {
                    problems.add(itemPath + " must be a mapping");
                }
            }
            return nodes;
        }

        static Object normalise(Object scalar) {
            if (scalar instanceof Integer || scalar instanceof Short || scalar instanceof Byte) {
                return ((Number) scalar).longValue();
            }
            if (scalar instanceof java.math.BigInteger big) {
                return big.longValue();
            }
            if (scalar instanceof Float single) {
                return single.doubleValue();
            }
            return scalar;
        }
    }
}
