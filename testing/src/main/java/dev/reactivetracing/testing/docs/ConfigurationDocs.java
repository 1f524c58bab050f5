package dev.reactivetracing.testing.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;

/**
 * docs/configuration.md against the code: every property of a {@code @ConfigMapping} must have its row there, with its
 * default as the code declares it ({@code @WithDefault}: the one place a default is written). A property added
 * without documentation, or a default changed in one place only, fails the build.
 */
public final class ConfigurationDocs {

    static final Path DOCS = Path.of("docs", "configuration.md");

    private ConfigurationDocs() {
    }

    /** Every leaf property of the mapping, with its default (null for none), by full name. */
    public static Map<String, String> properties(Class<?> mapping, String prefix) {
        Map<String, String> properties = new TreeMap<>();
        for (Map.Entry<String, Property> entry : ConfigMappings.getProperties(ConfigClass.configClass(mapping, prefix))
                .entrySet()) {
            Property property = entry.getValue();
            boolean element = entry.getKey().endsWith("[*]");
            if (!element && (property.isLeaf() || property.isPrimitive() || property.isOptional()
                    || property.isCollection())) {
                properties.put(entry.getKey(), property.hasDefaultValue() ? property.getDefaultValue() : null);
            }
        }
        return properties;
    }

    /** The problems found: a property without a row, or a row whose default differs from the code's. */
    public static List<String> problems(Class<?> mapping, String prefix) {
        String docs = read();
        List<String> problems = new ArrayList<>();
        properties(mapping, prefix).forEach((name, defaultValue) -> {
            String row = docs.lines().filter(line -> line.startsWith("| `" + name + "`")).findFirst().orElse(null);
            if (row == null) {
                problems.add(name + ": no row in " + DOCS);
            } else if (defaultValue != null && !row.contains("`" + defaultValue + "`")) {
                problems.add(name + ": the code's default `" + defaultValue + "` is not in its row: " + row);
            }
        });
        return problems;
    }

    private static String read() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve(DOCS))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(DOCS + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(directory.resolve(DOCS));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
