package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.traceIdOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reactivetracing.tooling.process.FreePorts;
import dev.reactivetracing.tooling.process.ProcessStop;

/**
 * The README's dev-mode command, for real: {@code bin/dev} in a copy of this working tree (so that the test can edit
 * a source file without touching the developer's), with no container runtime: both services in {@code quarkus dev}
 * with PostgreSQL from Dev Services, wired to each other and to Zipkin. An order becomes one trace across both
 * services in Zipkin; an edit to an order-service class answers the next request without a restart, and so does its
 * revert; Ctrl-C (SIGINT to the whole process group, as a terminal sends it) leaves no process and no port behind.
 *
 * <p>Maven in the copy installs into a local repository of its own, in front of the user's (maven.repo.local.tail),
 * so the test neither needs nor leaves the project's snapshots in ~/.m2.
 */
class DevModeTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path WORK = Path.of("target", "dev-mode").toAbsolutePath();
    private static final Path COPY = WORK.resolve("repository");
    private static final Path LOG = WORK.resolve("bin-dev.log");
    private static final String EDITED_CLASS =
            "order-service/src/main/java/dev/reactivetracing/order/service/UnknownCustomerException.java";
    private static final String ORIGINAL_DETAIL = "' does not exist.\"";
    /** The install and the first dev-mode builds, on a busy 2-core machine. */
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private static final Duration RELOAD_LIMIT = Duration.ofMinutes(2);

    private final int orderPort = FreePorts.find();
    private final int inventoryPort = FreePorts.find();
    private final int zipkinPort = FreePorts.find();
    /** Before bin/dev started (a second early: process start times are rounded). */
    private Instant launched;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void binDevRunsBothServicesWithDevServicesTracesThemAndReloadsAnEditLive() throws Exception {
        copyWorkingTree();
        launched = Instant.now().minusSeconds(1);
        Process devRun = startBinDev();
        try {
            awaitLine(devRun, "Press Ctrl-C to stop.", START_LIMIT);
            String orderUrl = "http://localhost:" + orderPort;

            // Dev Services gave each service a migrated database (inventory: the demo catalog); the services call
            // each other and both export to Zipkin: one trace, both services, every span linked to its parent.
            String customerId = createCustomer(orderUrl, "Grace Hopper", "grace-" + UUID.randomUUID() + "@example.com");
            HttpResponse<String> created = expect(201, post(orderUrl + "/api/orders", order(customerId, "SKU-1001", 1)));
            assertEquals("CREATED", body(created).get("status").asText());
            assertOneTraceAcrossBothServices(traceIdOf(created));

            // Live reload: an edited class answers the next request, in the same JVM, with the same database.
            ProcessHandle orderDevJvm = devModeJvm("order-service");
            String marker = "edited-" + UUID.randomUUID().toString().substring(0, 8);
            Path edited = COPY.resolve(EDITED_CLASS);
            String original = Files.readString(edited);
            assertTrue(original.contains(ORIGINAL_DETAIL), "the class to edit still has the text this test changes");
            Files.writeString(edited, original.replace(ORIGINAL_DETAIL, "' does not exist (" + marker + ").\""));
            awaitUnknownCustomerDetail(orderUrl, detail -> detail.contains(marker));
            assertTrue(orderDevJvm.isAlive(), "live reload, not a restart of the dev-mode JVM");
            assertEquals(orderDevJvm.pid(), devModeJvm("order-service").pid());
            expect(201, post(orderUrl + "/api/orders", order(customerId, "SKU-1001", 1)));

            Files.writeString(edited, original);
            awaitUnknownCustomerDetail(orderUrl, detail -> detail.endsWith("does not exist.") && !detail.contains(marker));

            // Ctrl-C: everything bin/dev started goes, and its ports are free again.
            List<ProcessHandle> started = startedBy(devRun);
            assertTrue(started.stream().filter(process -> isPostmaster(process)).count() == 2,
                    "one PostgreSQL server per service: " + describe(started));
            assertTrue(started.size() >= 7, "two Maven processes, two dev JVMs, two PostgreSQL servers, Zipkin: "
                    + describe(started));
            assertEquals(0, signalProcessGroup("INT", devRun.pid()), "kill -s INT -- -" + devRun.pid());
            assertTrue(devRun.waitFor(90, TimeUnit.SECONDS), "bin/dev stops within 90 s of Ctrl-C");
            assertEquals(130, devRun.exitValue(), "bin/dev's exit status after Ctrl-C");
            awaitTrue(() -> started.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30),
                    () -> "left running after Ctrl-C: " + describe(started.stream().filter(ProcessHandle::isAlive)
                            .toList()));
            for (int port : List.of(orderPort, inventoryPort, zipkinPort)) {
                assertTrue(isFree(port), "port " + port + " is free again");
            }
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError(failure.getMessage() + "\n--- bin/dev output (last 80 lines) ---\n"
                    + tail(80), failure);
        } finally {
            killEverything(devRun);
        }
    }

    /** Tracked and untracked-but-not-ignored files: the working tree as the developer has it, without builds. */
    private static void copyWorkingTree() throws IOException, InterruptedException {
        deleteRecursively(WORK);
        Files.createDirectories(COPY);
        Process git = new ProcessBuilder("git", "-C", REPOSITORY.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git ls-files");
        for (String file : listing.split("\0")) {
            Path source = REPOSITORY.resolve(file);
            if (file.isEmpty() || !Files.isRegularFile(source)) {
                continue; // deleted in the working tree
            }
            Path target = COPY.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private Process startBinDev() throws IOException {
        List<String> mavenArguments = new ArrayList<>(List.of(
                "-Dmaven.repo.local=" + WORK.resolve("m2"),
                "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository")));
        if (System.getProperty("maven.offline", "").equals("offline=true")) {
            mavenArguments.add("-o");
        }
        // setsid: a process group of its own, led by bin/dev, as a terminal's foreground job is; env: SIGINT handled
        // as in a terminal, even when this build runs in the background of a shell (which starts it ignored, and an
        // ignored signal stays ignored across exec: Java would then install no handler for it).
        ProcessBuilder builder = new ProcessBuilder("setsid", "env", "--default-signal=INT",
                COPY.resolve("bin/dev").toString(),
                "--order-port=" + orderPort, "--inventory-port=" + inventoryPort, "--zipkin-port=" + zipkinPort,
                "--no-debug")
                .directory(COPY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        builder.environment().put("MAVEN_ARGS", String.join(" ", mavenArguments));
        builder.environment().remove("MAVEN_OPTS");
        return builder.start();
    }

    private void assertOneTraceAcrossBothServices(String traceId) {
        String url = "http://localhost:" + zipkinPort + "/api/v2/trace/" + traceId;
        Set<String> expected = Set.of("order-service post /api/orders", "order-service create_order",
                "order-service check_inventory", "inventory-service post /api/inventory/reservations",
                "order-service save_order", "order-service publish_event", "order-service send order.created",
                "inventory-service process order.created");
        JsonNode[] trace = new JsonNode[1];
        awaitTrue(() -> {
            HttpResponse<String> response = Api.get(url);
            if (response.statusCode() != 200) {
                return false;
            }
            trace[0] = body(response);
            return spanKeys(trace[0]).containsAll(expected);
        }, Duration.ofSeconds(60), () -> "Zipkin has " + expected + " in trace " + traceId + "; it has "
                + (trace[0] == null ? "nothing" : spanKeys(trace[0])));
        Set<String> ids = new HashSet<>();
        trace[0].forEach(span -> ids.add(span.get("id").asText()));
        long roots = 0;
        for (JsonNode span : trace[0]) {
            assertEquals(traceId, span.get("traceId").asText());
            if (span.hasNonNull("parentId")) {
                assertTrue(ids.contains(span.get("parentId").asText()), "parent of " + span.get("name") + " in trace");
            } else {
                roots++;
            }
        }
        assertEquals(1, roots, "one root span");
    }

    private static Set<String> spanKeys(JsonNode trace) {
        Set<String> keys = new HashSet<>();
        trace.forEach(span -> keys.add(span.path("localEndpoint").path("serviceName").asText() + " "
                + span.path("name").asText().toLowerCase(Locale.ROOT)));
        return keys;
    }

    private static void awaitUnknownCustomerDetail(String orderUrl, Predicate<String> expected) {
        String[] last = new String[1];
        awaitTrue(() -> {
            HttpResponse<String> response = post(orderUrl + "/api/orders", order(UUID.randomUUID().toString(),
                    "SKU-1001", 1));
            last[0] = response.statusCode() + " " + response.body();
            return response.statusCode() == 422 && expected.test(body(response).path("detail").asText());
        }, RELOAD_LIMIT, () -> "the unknown-customer problem after the edit; last answer: " + last[0]);
    }

    /** The JVM quarkus:dev forked for {@code service} (its command line runs {@code <service>-dev.jar}). */
    private static ProcessHandle devModeJvm(String service) {
        List<ProcessHandle> jvms = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(service + "-dev.jar"))
                .filter(process -> process.info().commandLine().orElse("").contains(COPY.toString()))
                .toList();
        assertEquals(1, jvms.size(), "one dev-mode JVM of " + service + ": " + describe(jvms));
        return jvms.get(0);
    }

    private static void awaitLine(Process process, String line, Duration limit) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(LOG) && Files.readString(LOG).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                fail("bin/dev exited with " + process.exitValue() + " before '" + line + "'");
            }
            sleep(Duration.ofMillis(500));
        }
        fail("bin/dev did not print '" + line + "' within " + limit.toMinutes() + " minutes");
    }

    private static void awaitTrue(BooleanSupplier condition, Duration limit,
            Supplier<String> description) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // e.g. the connection refused while a service reloads
            }
            if (Instant.now().isAfter(deadline)) {
                fail("Timed out after " + limit.toSeconds() + " s waiting for: " + description.get());
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /**
     * What bin/dev runs: its descendants, and the PostgreSQL servers of its Dev Services, which pg_ctl starts detached
     * (reparented, in a session of their own, so that a terminal's Ctrl-C reaches only Quarkus, which stops them),
     * with their backends.
     */
    private List<ProcessHandle> startedBy(Process devRun) {
        List<ProcessHandle> postmasters = ProcessHandle.allProcesses()
                .filter(DevModeTest::isPostmaster)
                .filter(process -> process.info().startInstant().map(start -> !start.isBefore(launched)).orElse(false))
                .toList();
        return Stream.of(devRun.descendants(), postmasters.stream(),
                postmasters.stream().flatMap(ProcessHandle::descendants))
                .flatMap(processes -> processes).distinct().toList();
    }

    /** A PostgreSQL server of the postgresql-devservices extension (its data directory says so). */
    private static boolean isPostmaster(ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("/bin/postgres ") && commandLine.contains("quarkus-dev-postgresql-");
    }

    /** Whatever a failed run left: the whole process group, then each process it started that is still there. */
    private void killEverything(Process devRun) throws IOException, InterruptedException {
        List<ProcessHandle> left = Stream.concat(Stream.of(devRun.toHandle()), startedBy(devRun).stream())
                .filter(ProcessHandle::isAlive).toList();
        if (left.isEmpty()) {
            return;
        }
        signalProcessGroup("KILL", devRun.pid());
        left.forEach(ProcessStop::kill);
    }

    /**
     * {@code kill -s SIGNAL -- -GROUP}: the Java API signals single processes only. Spelled exactly so: procps-ng's
     * kill reads {@code kill -INT -123} as options, not as a group, and signals other processes than the group.
     */
    private static int signalProcessGroup(String signal, long group) throws IOException, InterruptedException {
        if (group <= 1 || processGroupOf(group) != group) {
            return -1; // not the group setsid made for bin/dev (or gone): never signal anything else
        }
        return new ProcessBuilder("kill", "-s", signal, "--", "-" + group).inheritIO().start().waitFor();
    }

    /** The process group of a live process, from /proc (field 5 of its stat line); -1 when it is gone. */
    private static long processGroupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may contain spaces: count from its closing one.
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(afterName[2]);
        } catch (IOException gone) {
            return -1;
        }
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(process -> process.pid() + " " + process.info().command().orElse("?"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String tail(int lines) {
        try {
            List<String> all = Files.exists(LOG) ? Files.readAllLines(LOG) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return "(unreadable: " + unreadable.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> contents = Files.walk(directory)) {
            for (Path path : contents.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
