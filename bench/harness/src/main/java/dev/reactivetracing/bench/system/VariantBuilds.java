package dev.reactivetracing.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.tooling.process.ExternalCommand;

/**
 * The services built with Quarkus build-time properties of their own (a switch fixed at build time, such as
 * {@code quarkus.otel.propagators}): this checkout's sources, as they are now, are copied into the work directory and
 * packaged there with {@code -Dproperty=value}, once per run and set of properties. The variant then runs those jars
 * as a {@code BENCH_APP_DIR} variant runs another checkout's.
 */
public final class VariantBuilds {

    /** What a build does not need: build outputs, history, the local run's data, downloaded tools, results. */
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".local-run", ".tools", "node_modules",
            "results", ".idea");

    private final Settings settings;
    private final Path logs;
    private final Map<List<String>, Path> built = new HashMap<>();

    public VariantBuilds(Settings settings, Path logs) {
        this.settings = settings;
        this.logs = logs;
    }

    /** The checkout holding inventory-service and order-service packaged with these properties (built if needed). */
    public synchronized Path checkout(List<String> properties) {
        Path existing = built.get(properties);
        if (existing != null) {
            return existing;
        }
        Path checkout = settings.work().resolve("builds").resolve("build-" + (built.size() + 1));
        Console.step("Building the services with " + String.join(" ", properties.stream().map(p -> "-D" + p)
                .toList()) + " (a copy of the sources in " + settings.root().relativize(checkout) + ")");
        long start = System.nanoTime();
        copySources(settings.root(), checkout);
        List<String> command = new ArrayList<>(List.of(settings.root().resolve("mvnw").toString(), "-B", "-q",
                "-f", checkout.resolve("pom.xml").toString(), "package", "-DskipTests",
                "-pl", "devservices-postgresql/deployment,inventory-service,order-service", "-am"));
        properties.forEach(property -> command.add("-D" + property));
        ExternalCommand.run(command, Map.of(), logs.resolve("variant-builds.log"), Duration.ofMinutes(20), false);
        System.out.printf("done (%.0f s)%n", (System.nanoTime() - start) / 1e9);
        built.put(properties, checkout);
        return checkout;
    }

    static void copySources(Path root, Path target) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(path -> !excluded(root, path)).toList()) {
                Path destination = target.resolve(root.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else if (Files.isRegularFile(path)) {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not copy the sources to " + target, failure);
        }
    }

    private static boolean excluded(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            if (NOT_COPIED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
