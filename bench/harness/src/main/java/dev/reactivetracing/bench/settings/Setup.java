package dev.reactivetracing.bench.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One service pair to measure: a tracing mode as shipped, or a variant of one with extra environment, measured side by
 * side with the shipped one.
 *
 * @param key short name (results' keys, databases, file names)
 * @param label what the report calls it
 * @param mode the tracing mode it starts from
 * @param environment KEY=VALUE entries on top of the mode's (JVM options through JAVA_TOOL_OPTIONS=...)
 * @param kind what it is measured for
 */
public record Setup(String key, String label, Mode mode, List<String> environment, Kind kind) {

    /** Environment key of a variant: the checkout whose packaged services it runs instead of this one's. */
    public static final String APP_DIR = "BENCH_APP_DIR";
    /**
     * Environment key of a variant: Quarkus build-time properties ({@code name=value;name=value}) the services are
     * packaged with for it (the harness builds a copy of the sources, see VariantBuilds).
     */
    public static final String BUILD_PROPERTIES = "BENCH_BUILD_PROPERTIES";
    /**
     * Environment key of a variant: a jar of patched extension classes (bench/otel-patch, relative to the repository)
     * put into a copy of the packaged services in place of the originals (see PatchedExtension).
     */
    public static final String EXTENSION_PATCH = "BENCH_EXTENSION_PATCH";
    /** The patch of quarkus-opentelemetry that docs/upstream.md (write-up 4) proposes, as built by ./mvnw package. */
    public static final String OTEL_PATCH_JAR = "bench/otel-patch/target/bench-otel-patch.jar";

    public enum Kind {
        /** A tracing mode as shipped (off, full, tenth, zero). */
        MODE,
        /** One per-request piece of tracing switched off, against 10 % sampling (CPU per order only). */
        ISOLATION,
        /** A change given with --variant: measured like the modes, latency included. */
        VARIANT
    }

    public Setup {
        environment = List.copyOf(environment);
    }

    public static Setup of(Mode mode) {
        return new Setup(mode.key, mode.label, mode, List.of(), Kind.MODE);
    }

    public boolean isVariant() {
        return kind != Kind.MODE;
    }

    /** Whether latency at a constant rate is measured for it (the isolation variants are about CPU per order). */
    public boolean measuresLatency() {
        return kind != Kind.ISOLATION;
    }

    /** The checkout whose jars it runs, if not this one ({@code BENCH_APP_DIR=<checkout>}). */
    public Optional<String> appDir() {
        return environment.stream().filter(entry -> entry.startsWith(APP_DIR + "="))
                .map(entry -> entry.substring(APP_DIR.length() + 1)).findFirst();
    }

    /** The patch jar whose classes replace the extension's in its services ({@code BENCH_EXTENSION_PATCH=<jar>}). */
    public Optional<String> extensionPatch() {
        return environment.stream().filter(entry -> entry.startsWith(EXTENSION_PATCH + "="))
                .map(entry -> entry.substring(EXTENSION_PATCH.length() + 1)).findFirst();
    }

    /** Whether an entry is for the harness (which jars to run) rather than the services' environment. */
    public static boolean isHarnessEntry(String entry) {
        return entry.startsWith(APP_DIR + "=") || entry.startsWith(BUILD_PROPERTIES + "=")
                || entry.startsWith(EXTENSION_PATCH + "=");
    }

    /** The Quarkus build-time properties its services are packaged with ({@code BENCH_BUILD_PROPERTIES=a=b;c=d}). */
    public List<String> buildProperties() {
        return environment.stream().filter(entry -> entry.startsWith(BUILD_PROPERTIES + "="))
                .flatMap(entry -> Arrays.stream(entry.substring(BUILD_PROPERTIES.length() + 1).split(";")))
                .map(String::trim).filter(property -> !property.isEmpty()).toList();
    }

    /** Whether the harness must build its services first. */
    public boolean needsBuild() {
        return !buildProperties().isEmpty();
    }

    /** NAME:MODE:K=V,K=V (--variant). */
    public static Setup parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || !parts[0].matches("[a-z0-9_]+") || parts[2].isBlank()) {
            throw new IllegalArgumentException("--variant expects name:mode:KEY=VALUE[,KEY=VALUE...] with a "
                    + "lower-case name, got " + text);
        }
        Mode mode = Mode.of(parts[1]);
        return new Setup(parts[0], parts[0] + " (" + mode.label + ", " + parts[2] + ")", mode,
                Arrays.asList(parts[2].split(",(?=[A-Z_][A-Z0-9_]*=)")), Kind.VARIANT);
    }

    /**
     * The per-request pieces of tracing that Quarkus (or this project) can switch off, one at a time, each against
     * 10 % sampling: at run time through the environment, or, for the propagators (fixed at build time), with services
     * packaged for it ({@code withBuilds}: a build of a few minutes, left out of smoke runs).
     */
    public static List<Setup> isolationVariants(boolean withBuilds) {
        List<Setup> variants = new ArrayList<>(List.of(
                isolation("tenth_no_server_spans", "no Vert.x HTTP server instrumentation",
                        List.of("QUARKUS_OTEL_INSTRUMENT_VERTX_HTTP=false")),
                isolation("tenth_no_http_metrics", "no HTTP server metrics",
                        List.of("QUARKUS_OTEL_INSTRUMENT_HTTP_SERVER_METRICS=false")),
                isolation("tenth_no_forced_traces", "no x-force-trace propagator and sampler",
                        List.of("TRACING_FORCED_TRACES_ENABLED=false")),
                // The before/after of the fix proposed upstream: the same services with the patched classes.
                isolation("tenth_patched_extension", "quarkus-opentelemetry patched to copy the MDC only when needed",
                        List.of(EXTENSION_PATCH + "=" + OTEL_PATCH_JAR))));
        if (withBuilds) {
            // The value at run time must match the build's, or Quarkus warns that it ignores it.
            variants.add(isolation("tenth_tracecontext_only", "W3C tracecontext propagator only",
                    List.of(BUILD_PROPERTIES + "=quarkus.otel.propagators=tracecontext",
                            "QUARKUS_OTEL_PROPAGATORS=tracecontext")));
        }
        return variants;
    }

    private static Setup isolation(String key, String what, List<String> environment) {
        String shown = environment.stream().filter(entry -> !entry.startsWith("QUARKUS_OTEL_PROPAGATORS="))
                .map(entry -> entry.startsWith(BUILD_PROPERTIES + "=") ? "built with -D"
                        + entry.substring(BUILD_PROPERTIES.length() + 1)
                        : entry.startsWith(EXTENSION_PATCH + "=") ? "bench/otel-patch" : entry)
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new Setup(key, "10 % sampling, " + what + " (" + shown + ")", Mode.TENTH, environment,
                Kind.ISOLATION);
    }
}
