package dev.reactivetracing.bench.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Puts the classes of a patch jar (bench/otel-patch) into a copy of a packaged service: the extension jar its manifest
 * names ({@code Patched-Artifact}) in {@code lib/main} is rewritten with the patch's classes in place of the originals.
 * A runtime class of an extension is loaded from that jar unless Quarkus transformed it at build time, so the harness
 * refuses a patch of a class that {@code quarkus/transformed-bytecode.jar} holds (the patch would not be what runs).
 */
public final class PatchedExtension {

    static final String PATCHED_ARTIFACT = "Patched-Artifact";

    private PatchedExtension() {
    }

    /** Rewrites {@code app}'s copy of the patched extension jar (app is a quarkus-app directory); returns its classes. */
    public static List<String> apply(Path app, Path patch) {
        try (JarFile patchJar = new JarFile(patch.toFile())) {
            String artifact = patchJar.getManifest() == null ? null
                    : patchJar.getManifest().getMainAttributes().getValue(PATCHED_ARTIFACT);
            if (artifact == null) {
                throw new IllegalStateException(patch + " has no " + PATCHED_ARTIFACT + " in its manifest");
            }
            Path original = app.resolve("lib/main").resolve(artifact);
            if (!Files.isRegularFile(original)) {
                throw new IllegalStateException("The patch " + patch.getFileName() + " is for " + artifact
                        + ", which " + app.resolve("lib/main") + " does not hold (another version?)");
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (ZipEntry entry : patchJar.stream().filter(entry -> entry.getName().endsWith(".class")).toList()) {
                try (InputStream in = patchJar.getInputStream(entry)) {
                    classes.put(entry.getName(), in.readAllBytes());
                }
            }
            if (classes.isEmpty()) {
                throw new IllegalStateException(patch + " holds no classes");
            }
            refuseTransformed(app.resolve("quarkus/transformed-bytecode.jar"), classes.keySet());
            Path merged = original.resolveSibling(original.getFileName() + ".patched");
            List<String> replaced = merge(original, classes, merged);
            Files.move(merged, original, StandardCopyOption.REPLACE_EXISTING);
            return replaced;
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not apply " + patch + " to " + app, failure);
        }
    }

    /** Writes the original's entries to {@code merged}, each patched class in place of its original. */
    private static List<String> merge(Path original, Map<String, byte[]> classes, Path merged) throws IOException {
        List<String> replaced = new ArrayList<>();
        try (ZipFile source = new ZipFile(original.toFile());
                OutputStream file = Files.newOutputStream(merged);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : source.stream().toList()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] patched = classes.get(entry.getName());
                if (patched != null) {
                    out.write(patched);
                    replaced.add(entry.getName());
                } else {
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> added : classes.entrySet()) {
                if (source.getEntry(added.getKey()) == null) {
                    // a class the patch adds (an inner class), in a package the extension jar already holds
                    out.putNextEntry(new ZipEntry(added.getKey()));
                    out.write(added.getValue());
                    out.closeEntry();
                }
            }
        }
        if (replaced.isEmpty()) {
            throw new IllegalStateException("None of the patch's classes is in " + original + ": wrong artifact?");
        }
        return replaced;
    }

    private static void refuseTransformed(Path transformed, Iterable<String> classes) throws IOException {
        if (!Files.isRegularFile(transformed)) {
            return;
        }
        try (ZipFile jar = new ZipFile(transformed.toFile())) {
            for (String name : classes) {
                if (jar.getEntry(name) != null) {
                    throw new IllegalStateException(name + " is transformed at build time (" + transformed
                            + "): the patched class would not be the one that runs");
                }
            }
        }
    }
}
