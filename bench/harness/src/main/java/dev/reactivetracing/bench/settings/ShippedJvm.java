package dev.reactivetracing.bench.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options and environment the services' JVM images run with, read from the one place they are set:
 * {@code order-service/src/main/docker/Dockerfile.jvm} ({@code ENV JAVA_OPTS_APPEND=...} and the {@code MALLOC_*}
 * variables). The benchmark starts every service with them, so that it measures what ships. (The image's
 * {@code run-java.sh} adds options of its own sized from the container's limits; with {@code -Xmx} given it adds no
 * heap size, and the rest depends on the container, so it is not reproduced.) inventory-service's Dockerfile and
 * docker-compose.yml repeat the same values; a unit test (ShippedJvmTest) fails if they drift apart.
 *
 * @param jvmOptions what {@code JAVA_OPTS_APPEND} adds to the {@code java} command
 * @param environment KEY=VALUE entries the image sets for the JVM process (glibc's malloc arenas)
 * @param source the file they were read from
 */
public record ShippedJvm(List<String> jvmOptions, List<String> environment, Path source) {

    public static final String DOCKERFILE = "order-service/src/main/docker/Dockerfile.jvm";

    private static final Pattern ENV_LINE = Pattern.compile("^ENV\\s+([A-Z_][A-Z0-9_]*)=(\"([^\"]*)\"|(\\S+))\\s*$");

    public ShippedJvm {
        jvmOptions = List.copyOf(jvmOptions);
        environment = List.copyOf(environment);
    }

    public static ShippedJvm read(Path root) {
        Path dockerfile = root.resolve(DOCKERFILE);
        try {
            return parseDockerfile(Files.readString(dockerfile), dockerfile);
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot read the shipped JVM options from " + dockerfile, failure);
        }
    }

    static ShippedJvm parseDockerfile(String text, Path source) {
        Map<String, String> variables = dockerfileEnvironment(text);
        String options = variables.get("JAVA_OPTS_APPEND");
        if (options == null) {
            throw new IllegalStateException(source + " sets no JAVA_OPTS_APPEND: where are the JVM options?");
        }
        List<String> environment = new ArrayList<>();
        variables.forEach((key, value) -> {
            if (key.startsWith("MALLOC_")) {
                environment.add(key + "=" + value);
            }
        });
        return new ShippedJvm(split(options), environment, source);
    }

    /** The {@code ENV KEY=value} lines of a Dockerfile, in order. */
    static Map<String, String> dockerfileEnvironment(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            Matcher matcher = ENV_LINE.matcher(line.trim());
            if (matcher.matches()) {
                variables.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(4));
            }
        }
        return variables;
    }

    static List<String> split(String options) {
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }
}
