package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reactivetracing.tooling.process.ProcessStop;

/**
 * One of the README's launchers ({@code bin/dev}, {@code bin/run}) started as a terminal starts a command: in a
 * process group of its own that it leads, SIGINT handled, its output in a log file. With what the tests of both check:
 * its output, an order's trace in the Zipkin it started, and that Ctrl-C stops everything it started and frees its
 * ports.
 */
final class LauncherProcess {

    /** The spans of one order across both services, as Zipkin names them ("service name", lower case). */
    private static final Set<String> ORDER_TRACE_SPANS = Set.of("order-service post /api/orders",
            "order-service create_order", "order-service check_inventory",
            "inventory-service post /api/inventory/reservations", "order-service save_order",
            "order-service publish_event", "order-service send order.created",
            "inventory-service process order.created");

    private final String name;
    private final Process process;
    private final Path log;
    /** Before it started (a second early: process start times are rounded). */
    private final Instant launched;

    private LauncherProcess(String name, Process process, Path log, Instant launched) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.launched = launched;
    }

    /**
     * {@code setsid}: a process group of its own, led by the launcher, as a terminal's foreground job is; {@code env
     * --default-signal=INT}: SIGINT handled as in a terminal, even when this build runs in the background of a shell
     * (which starts it ignored, and an ignored signal stays ignored across exec: Java would then install no handler).
     */
    static LauncherProcess start(String name, List<String> command, Path directory, Path log,
            Map<String, String> environment) throws IOException {
        List<String> inGroup = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT"));
        inGroup.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(inGroup)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        Instant launched = Instant.now().minusSeconds(1);
        return new LauncherProcess(name, builder.start(), log, launched);
    }

    Process process() {
        return process;
    }

    Instant launched() {
        return launched;
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    void awaitLine(String line, Duration limit) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + " before '" + line + "'");
            }
            sleep(Duration.ofMillis(500));
        }
        fail(name + " did not print '" + line + "' within " + limit.toSeconds() + " s");
    }

    /** The failure, with the end of the launcher's output: what a developer reads first. */
    AssertionError withOutput(Throwable failure) {
        return new AssertionError(failure.getMessage() + "\n--- " + name + " output (last 80 lines) ---\n"
                + tail(80), failure);
    }

    /**
     * Ctrl-C (SIGINT to the whole process group, as a terminal sends it): the launcher exits with 130 within the
     * limit, every process in {@code started} is gone, and the ports are free again.
     */
    void interruptAndAssertNothingLeft(List<ProcessHandle> started, Duration limit, List<Integer> ports)
            throws IOException, InterruptedException {
        assertEquals(0, signalProcessGroup("INT", process.pid()), "kill -s INT -- -" + process.pid());
        assertTrue(process.waitFor(limit.toSeconds(), TimeUnit.SECONDS),
                name + " stops within " + limit.toSeconds() + " s of Ctrl-C");
        assertEquals(130, process.exitValue(), name + "'s exit status after Ctrl-C");
        awaitTrue(() -> started.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30),
                () -> "left running after Ctrl-C: " + describe(started.stream().filter(ProcessHandle::isAlive)
                        .toList()));
        for (int port : ports) {
            assertTrue(isFree(port), "port " + port + " is free again");
        }
    }

    /** Whatever a failed run left: the whole process group, then each process it started that is still there. */
    void killEverything(List<ProcessHandle> started) throws IOException, InterruptedException {
        List<ProcessHandle> left = Stream.concat(Stream.of(process.toHandle()), started.stream())
                .filter(ProcessHandle::isAlive).toList();
        if (left.isEmpty()) {
            return;
        }
        signalProcessGroup("KILL", process.pid());
        left.forEach(ProcessStop::kill);
    }

    /**
     * PostgreSQL servers started since the launcher, whose command line contains {@code dataDirectoryMarker}, with
     * their backends: pg_ctl starts them detached (reparented, in a session of their own, so that a terminal's Ctrl-C
     * does not reach them; whoever started them stops them).
     */
    List<ProcessHandle> postgresServers(String dataDirectoryMarker) {
        List<ProcessHandle> postmasters = ProcessHandle.allProcesses()
                .filter(candidate -> isPostmaster(candidate, dataDirectoryMarker))
                .filter(candidate -> candidate.info().startInstant().map(start -> !start.isBefore(launched))
                        .orElse(false))
                .toList();
        return Stream.concat(postmasters.stream(), postmasters.stream().flatMap(ProcessHandle::descendants))
                .distinct().toList();
    }

    static boolean isPostmaster(ProcessHandle candidate, String dataDirectoryMarker) {
        String commandLine = candidate.info().commandLine().orElse("");
        return commandLine.contains("/bin/postgres ") && commandLine.contains(dataDirectoryMarker);
    }

    /**
     * Zipkin at {@code zipkinPort} holds the order's trace: the spans of both services (waiting for the batches to
     * arrive), one trace id, one root, every parent in the trace.
     */
    static void assertOrderTraceInZipkin(int zipkinPort, String traceId) {
        String url = "http://localhost:" + zipkinPort + "/api/v2/trace/" + traceId;
        JsonNode[] trace = new JsonNode[1];
        awaitTrue(() -> {
            HttpResponse<String> response = Api.get(url);
            if (response.statusCode() != 200) {
                return false;
            }
            trace[0] = body(response);
            return spanKeys(trace[0]).containsAll(ORDER_TRACE_SPANS);
        }, Duration.ofSeconds(60), () -> "Zipkin has " + ORDER_TRACE_SPANS + " in trace " + traceId + "; it has "
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

    static void awaitTrue(BooleanSupplier condition, Duration limit, Supplier<String> description) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // e.g. the connection refused while a service starts or reloads
            }
            if (Instant.now().isAfter(deadline)) {
                fail("Timed out after " + limit.toSeconds() + " s waiting for: " + description.get());
            }
            sleep(Duration.ofMillis(500));
        }
    }

    static String describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(listed -> listed.pid() + " " + listed.info().command().orElse("?"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /**
     * {@code kill -s SIGNAL -- -GROUP}: the Java API signals single processes only. Spelled exactly so: procps-ng's
     * kill reads {@code kill -INT -123} as options, not as a group, and signals other processes than the group.
     */
    private static int signalProcessGroup(String signal, long group) throws IOException, InterruptedException {
        if (group <= 1 || processGroupOf(group) != group) {
            return -1; // not the group setsid made for the launcher (or gone): never signal anything else
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

    private String tail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return "(unreadable: " + unreadable.getMessage() + ")";
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
