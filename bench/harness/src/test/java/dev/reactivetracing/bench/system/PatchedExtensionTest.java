package dev.reactivetracing.bench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchedExtensionTest {

    private static final String EXTENSION = "io.quarkus.quarkus-opentelemetry-3.33.2.jar";
    private static final String PATCHED_CLASS = "io/quarkus/opentelemetry/runtime/OpenTelemetryUtil.class";
    private static final String OTHER_CLASS = "io/quarkus/opentelemetry/runtime/QuarkusContextStorage.class";

    @TempDir
    Path directory;

    @Test
    void thePatchedClassReplacesTheOriginalAndTheRestOfTheJarIsKept() throws IOException {
        Path app = app(Map.of(PATCHED_CLASS, "original", OTHER_CLASS, "untouched", "META-INF/x.txt", "resource"));
        Path patch = patch(EXTENSION, Map.of(PATCHED_CLASS, "patched"));

        assertEquals(List.of(PATCHED_CLASS), PatchedExtension.apply(app, patch));

        try (ZipFile jar = new ZipFile(app.resolve("lib/main").resolve(EXTENSION).toFile())) {
            assertEquals("patched", read(jar, PATCHED_CLASS));
            assertEquals("untouched", read(jar, OTHER_CLASS));
            assertEquals("resource", read(jar, "META-INF/x.txt"));
            assertEquals(3, jar.size());
        }
        assertEquals(List.of(EXTENSION), List.of(app.resolve("lib/main").toFile().list()), "no temporary file left");
    }

    @Test
    void aPatchForAnotherVersionIsRefused() throws IOException {
        Path app = app(Map.of(PATCHED_CLASS, "original"));
        Path patch = patch("io.quarkus.quarkus-opentelemetry-3.34.0.jar", Map.of(PATCHED_CLASS, "patched"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PatchedExtension.apply(app, patch));
        assertTrue(refused.getMessage().contains("3.34.0"), refused.getMessage());
        assertUnchanged(app);
    }

    @Test
    void aClassThatQuarkusTransformsAtBuildTimeIsRefused() throws IOException {
        Path app = app(Map.of(PATCHED_CLASS, "original"));
        zip(app.resolve("quarkus/transformed-bytecode.jar"), Map.of(PATCHED_CLASS, "transformed"));
        Path patch = patch(EXTENSION, Map.of(PATCHED_CLASS, "patched"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PatchedExtension.apply(app, patch));
        assertTrue(refused.getMessage().contains("transformed"), refused.getMessage());
        assertUnchanged(app);
    }

    @Test
    void aPatchWithoutTheManifestEntryIsRefused() throws IOException {
        Path app = app(Map.of(PATCHED_CLASS, "original"));
        Path patch = directory.resolve("no-manifest.jar");
        zip(patch, Map.of(PATCHED_CLASS, "patched"));

        assertThrows(IllegalStateException.class, () -> PatchedExtension.apply(app, patch));
        assertUnchanged(app);
    }

    private Path app(Map<String, String> extensionEntries) throws IOException {
        Path app = directory.resolve("quarkus-app");
        zip(app.resolve("lib/main").resolve(EXTENSION), new LinkedHashMap<>(extensionEntries));
        return app;
    }

    private Path patch(String artifact, Map<String, String> classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(PatchedExtension.PATCHED_ARTIFACT, artifact);
        Path patch = directory.resolve("patch.jar");
        try (OutputStream file = Files.newOutputStream(patch);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            write(jar, classes);
        }
        return patch;
    }

    private void assertUnchanged(Path app) throws IOException {
        try (ZipFile jar = new ZipFile(app.resolve("lib/main").resolve(EXTENSION).toFile())) {
            assertEquals("original", read(jar, PATCHED_CLASS));
        }
    }

    private static void zip(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            write(zip, entries);
        }
    }

    private static void write(ZipOutputStream zip, Map<String, String> entries) throws IOException {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            zip.putNextEntry(new ZipEntry(entry.getKey()));
            zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static String read(ZipFile jar, String name) throws IOException {
        return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
}
