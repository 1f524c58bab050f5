package dev.reactivetracing.system.guarantees;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls a service's readiness endpoint every 100 ms, as a Kubernetes probe would (more often), and keeps each change:
 * UP (200), DOWN (503, or no answer within the probe's 1 s timeout: Kubernetes counts a probe that times out as a
 * failure, so the instance is out of its Service either way) or GONE (no connection: the process is not there).
 */
final class ReadinessWatch implements AutoCloseable {

    record Change(String state, long atNanos) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String readinessUrl;
    private final List<Change> changes = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    ReadinessWatch(String serviceBaseUrl) {
        this.readinessUrl = serviceBaseUrl + "/q/health/ready";
        this.poller = Thread.ofPlatform().daemon().name("readiness-watch").start(this::poll);
    }

    /** A watch that has seen the service ready once. */
    static ReadinessWatch untilUp(String serviceBaseUrl) {
        ReadinessWatch watch = new ReadinessWatch(serviceBaseUrl);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).alias(serviceBaseUrl + " ready")
                    .until(watch::isUp);
        } catch (RuntimeException | AssertionError notReady) {
            watch.close();
            throw notReady;
        }
        return watch;
    }

    private void poll() {
        while (running) {
            String state = probe();
            synchronized (changes) {
                if (changes.isEmpty() || !changes.getLast().state().equals(state)) {
                    changes.add(new Change(state, System.nanoTime()));
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    private String probe() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(readinessUrl))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        } catch (HttpTimeoutException probeTimedOut) {
            return "DOWN";
        } catch (RuntimeException probeFailed) {
            // Anything else the client throws is a failed probe too (and must not end this thread, which would
            // leave the last state standing for good).
            return "DOWN";
        } catch (IOException noAnswer) {
            return "GONE";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "GONE";
        }
    }

    /** The states seen, in order, each once per change (e.g. [UP, DOWN, UP]). */
    List<String> states() {
        synchronized (changes) {
            return changes.stream().map(Change::state).toList();
        }
    }

    /** Every change, with when it was seen. */
    List<Change> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** When the state first became {@code state}, or -1. */
    long firstNanos(String state) {
        synchronized (changes) {
            return changes.stream().filter(change -> change.state().equals(state)).mapToLong(Change::atNanos)
                    .findFirst().orElse(-1);
        }
    }

    boolean isUp() {
        List<String> states = states();
        return !states.isEmpty() && states.getLast().equals("UP");
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
