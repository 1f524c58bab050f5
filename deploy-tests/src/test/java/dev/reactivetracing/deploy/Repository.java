package dev.reactivetracing.deploy;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files, read as plain data. */
final class Repository {

    static final Path ROOT = findRoot();

    private Repository() {
    }

    private static Path findRoot() {
        String configured = System.getProperty("repository.root");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (with docker-compose.yml and deploy/) above " + start);
    }

    static Path path(String relative) {
        Path path = ROOT.resolve(relative);
        assertTrue(Files.exists(path), () -> relative + " does not exist");
        return path;
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML file with one document; duplicate keys are an error, merge keys ({@code <<: *anchor}) are resolved. */
    static Map<String, Object> yaml(String relative) {
        List<Object> documents = yamlDocuments(relative);
        if (documents.size() != 1) {
            fail(relative + ": expected one YAML document, found " + documents.size());
        }
        return map(documents.get(0), relative);
    }

    static List<Object> yamlDocuments(String relative) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(text(relative))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    // ---- navigation in parsed YAML -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        return (Map<String, Object>) assertInstanceOf(Map.class, value, what + " should be a mapping");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        return (List<Object>) assertInstanceOf(List.class, value, what + " should be a list");
    }

    /** The mapping at a dotted path ("spec.template.spec"); fails naming the path when a step is missing. */
    static Map<String, Object> mapAt(Map<String, Object> root, String dottedPath) {
        return map(at(root, dottedPath), dottedPath);
    }

    static List<Object> listAt(Map<String, Object> root, String dottedPath) {
        return list(at(root, dottedPath), dottedPath);
    }

    static Object at(Map<String, Object> root, String dottedPath) {
        Object current = root;
        StringBuilder walked = new StringBuilder();
        for (String key : dottedPath.split("\\.")) {
            walked.append(walked.isEmpty() ? "" : ".").append(key);
            Map<String, Object> map = map(current, walked.toString());
            if (!map.containsKey(key)) {
                fail("missing " + walked);
            }
            current = map.get(key);
        }
        return current;
    }

    static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
