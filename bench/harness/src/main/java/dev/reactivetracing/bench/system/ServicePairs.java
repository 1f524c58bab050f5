package dev.reactivetracing.bench.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.bench.load.Catalog;
import dev.reactivetracing.bench.settings.Mode;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.Setup;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.bench.support.Tasks;
import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.postgres.DatasourceProperties;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * Starts the services as shipped: their packaged fast-jars ({@code target/quarkus-app/quarkus-run.jar}), prod profile,
 * one JVM each with the JVM images' options ({@link Settings#serviceJvmOptions()}), configured through environment
 * variables, exporting to the receiver.
 */
public final class ServicePairs {

    public static final String INVENTORY = "inventory-service";
    public static final String ORDER = "order-service";

    private final Infrastructure infrastructure;
    private final Settings settings;
    /** Each checkout's quarkus-app directories, by original location: the copies the services run from. */
    private final Map<Path, Path> snapshots = new LinkedHashMap<>();
    private final VariantBuilds builds;

    public ServicePairs(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
        this.settings = infrastructure.settings();
        this.builds = new VariantBuilds(settings, infrastructure.logs());
    }

    /**
     * One pair per setup, each with its own two databases ({@code prefix} + setup), started side by side, the catalog
     * and customers loaded through their APIs.
     */
    public List<ServicePair> start(List<Setup> setups, String prefix) {
        // Builds and patched copies first (minutes of CPU for a build): not while services start.
        setups.stream().filter(setup -> setup.needsBuild() || setup.extensionPatch().isPresent())
                .forEach(setup -> List.of(INVENTORY, ORDER).forEach(service -> jar(service, setup)));
        Console.step("Starting " + setups.size() + " service pair(s) (" + String.join(", ",
                setups.stream().map(Setup::label).toList()) + ")");
        long start = System.nanoTime();
        Map<Setup, ServiceProcess> inventories = new LinkedHashMap<>();
        for (Setup setup : setups) {
            String database = infrastructure.postgres().createDatabase(prefix + "inventory_" + setup.key());
            inventories.put(setup, infrastructure.launch(prefix + INVENTORY + "-" + setup.key(), jar(INVENTORY, setup),
                    settings.serviceJvmOptions(), environment(setup, database)));
        }
        inventories.values().forEach(ServiceProcess::awaitReady);
        Map<Setup, ServiceProcess> orders = new LinkedHashMap<>();
        for (Setup setup : setups) {
            String database = infrastructure.postgres().createDatabase(prefix + "orders_" + setup.key());
            Map<String, String> environment = environment(setup, database);
            environment.put("QUARKUS_REST_CLIENT_INVENTORY_URL", inventories.get(setup).baseUrl());
            orders.put(setup, infrastructure.launch(prefix + ORDER + "-" + setup.key(), jar(ORDER, setup),
                    settings.serviceJvmOptions(), environment));
        }
        orders.values().forEach(ServiceProcess::awaitReady);
        System.out.printf("ready (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        List<ServicePair> pairs = new ArrayList<>();
        for (Setup setup : setups) {
            Console.step("Loading the catalog into the " + setup.key() + " pair (" + settings.products()
                    + " products, " + settings.customers() + " customers)");
            Path customers = settings.work().resolve(prefix + "customers-" + setup.key() + ".txt");
            Catalog.load(infrastructure.http(), inventories.get(setup).baseUrl(), orders.get(setup).baseUrl(),
                    settings.products(), settings.customers(), customers);
            pairs.add(new ServicePair(setup, prefix + setup.key(), inventories.get(setup), orders.get(setup),
                    prefix + "inventory_" + setup.key(), prefix + "orders_" + setup.key(), customers));
            Console.done();
        }
        return pairs;
    }

    /** Graceful stops (SIGTERM), side by side. */
    public static void stop(List<ServicePair> pairs) {
        stopServices(pairs.stream().flatMap(pair -> pair.services().stream()).toList());
    }

    /** Graceful stops (SIGTERM: in-flight requests finish, spans are flushed), side by side. */
    public static void stopServices(List<ServiceProcess> services) {
        Tasks.inParallel(services.size(), i -> services.get(i).stop(Duration.ofSeconds(30)));
    }

    /** The environment of a setup's services, {@code bench.setup} on every span they export. */
    public Map<String, String> environment(Setup setup, String database) {
        Map<String, String> environment = environment(setup.mode(), database, setup.environment());
        environment.putIfAbsent("OTEL_RESOURCE_ATTRIBUTES", "bench.setup=" + setup.key());
        return environment;
    }

    /** The packaged prod profile, the database, the receiver, the mode, then whatever the run adds. */
    public Map<String, String> environment(Mode mode, String database, List<String> more) {
        Map<String, String> environment = new LinkedHashMap<>(DatasourceProperties.asEnvironment(
                infrastructure.postgres(), database));
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", infrastructure.receiver().endpoint());
        // Packaged prod profile as deployed; only the SIGTERM drain delay (for load balancers) is skipped.
        environment.put("QUARKUS_SHUTDOWN_DELAY_ENABLED", "false");
        environment.putAll(mode.environment);
        List<String> entries = new ArrayList<>(settings.serviceJvmEnvironment());
        entries.addAll(settings.extraServiceEnvironment());
        entries.addAll(more);
        for (String entry : entries) {
            if (Setup.isHarnessEntry(entry)) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Environment entries are KEY=VALUE, got " + entry);
            }
            environment.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return environment;
    }

    /**
     * A service's packaged jar: from another checkout if the setup names one (a change against the build before), from
     * a build of its own if it needs build-time properties, else this checkout's.
     */
    public Path jar(String service, Setup setup) {
        Path checkout = setup.needsBuild() ? builds.checkout(setup.buildProperties())
                : setup.appDir().map(Path::of).orElse(settings.root());
        return setup.extensionPatch().map(patch -> patchedJar(service, checkout, settings.root().resolve(patch)))
                .orElseGet(() -> jar(service, checkout));
    }

    public Path jar(String service) {
        return jar(service, settings.root());
    }

    /** A copy of the service's fast-jar as built in {@code checkout}, with the patch's classes in the extension's jar. */
    private synchronized Path patchedJar(String service, Path checkout, Path patch) {
        if (!Files.isRegularFile(patch)) {
            throw new IllegalStateException(patch + " is missing: build first (bin/bench builds unless --no-build)");
        }
        Path app = jar(service, checkout).getParent();
        Path copy = app.resolveSibling(app.getFileName() + "-patched-" + patch.getFileName().toString()
                .replace(".jar", ""));
        if (!Files.isRegularFile(copy.resolve("quarkus-run.jar"))) {
            Console.step("Putting the classes of " + patch.getFileName() + " into a copy of " + service + " ("
                    + settings.root().relativize(copy) + ")");
            Directories.copyRecursively(app, copy);
            System.out.println(String.join(", ", PatchedExtension.apply(copy, patch)) + " replaced");
        }
        return copy.resolve("quarkus-run.jar");
    }

    /**
     * The service's fast-jar as built in {@code checkout}, copied into the work directory the first time: a build that
     * runs while the benchmark does (./mvnw package rewrites target/quarkus-app) cannot change, or break, what is
     * measured.
     */
    private synchronized Path jar(String service, Path checkout) {
        Path app = checkout.toAbsolutePath().normalize().resolve(service + "/target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app.resolve("quarkus-run.jar") + " is missing: build first (bin/bench "
                    + "builds unless --no-build)");
        }
        Path copy = snapshots.computeIfAbsent(app, ignored -> settings.work().resolve("apps")
                .resolve(snapshots.size() + "-" + service));
        if (!Files.isRegularFile(copy.resolve("quarkus-run.jar"))) {
            Directories.copyRecursively(app, copy);
        }
        return copy.resolve("quarkus-run.jar");
    }
}
