package dev.reactivetracing.localrun;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the local run (or the dev run) finds what the build made and keeps what it writes: all under the repository
 * root, its own files in {@code runDirectoryName} (both names are in .gitignore).
 */
record LocalRunPaths(Path root, String runDirectoryName) {

    /**
     * The repository root, found from where this class was loaded: {@code local-run/target/local-run.jar} (bin/run)
     * or {@code local-run/target/classes} (an IDE), so the launcher works from any working directory.
     */
    static LocalRunPaths ofLauncher() {
        try {
            Path location = Path.of(LocalRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new LocalRunPaths(location.toAbsolutePath().getParent().getParent().getParent(), ".local-run");
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The same root, with the dev run's own directory: bin/run and bin/dev can run side by side. */
    LocalRunPaths forDev() {
        return new LocalRunPaths(root, ".dev-run");
    }

    Path runDirectory() {
        return root.resolve(runDirectoryName);
    }

    Path dataDirectory() {
        return runDirectory().resolve("postgres");
    }

    Path logDirectory() {
        return runDirectory().resolve("logs");
    }

    Path logFile(String name) {
        return logDirectory().resolve(name + ".log");
    }

    Path processFile() {
        return runDirectory().resolve("processes");
    }

    Path zipkinJar() {
        return root.resolve("local-run/target/zipkin/zipkin-server.jar");
    }

    Path serviceJar(String module) {
        return root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
    }

    /** The files the run needs (mostly build outputs) that are not there. */
    List<Path> missingFiles() {
        return Stream.of(zipkinJar(), serviceJar("inventory-service"), serviceJar("order-service"))
                .filter(path -> !Files.isRegularFile(path))
                .toList();
    }

    /** For messages: paths relative to the repository root read shorter and can be pasted there. */
    String display(Path path) {
        return root.relativize(path.toAbsolutePath()).toString();
    }
}
