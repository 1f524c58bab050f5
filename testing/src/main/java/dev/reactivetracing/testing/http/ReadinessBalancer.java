package dev.reactivetracing.testing.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer in front of replicas, as a Kubernetes Service is: each new connection goes to the next replica
 * (round robin) among those whose readiness endpoint answered 200 at the last probe (every 200 ms, 1 s timeout), and a
 * replica that refuses a connection is out until its next good probe. Connections are kept (HTTP keep-alive sticks to
 * one replica, as through kube-proxy); a replica that dies resets them.
 */
public final class ReadinessBalancer implements AutoCloseable {

    private static final Duration PROBE_PERIOD = Duration.ofMillis(200);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final List<Integer> replicaPorts;
    private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final ServerSocket server;
    private final HttpClient probes = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Thread acceptor;
    private final Thread prober;
    private volatile boolean open = true;

    private ReadinessBalancer(List<Integer> replicaPorts) {
        this.replicaPorts = List.copyOf(replicaPorts);
        try {
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress("localhost", 0), 200);
        } catch (IOException failure) {
            throw new UncheckedIOException("Balancer could not listen", failure);
        }
        probeAll();
        this.prober = Thread.ofPlatform().daemon().name("balancer-probes").start(this::probeForever);
        this.acceptor = Thread.ofPlatform().daemon().name("balancer-accept").start(this::acceptForever);
    }

    /** A balancer over replicas listening on {@code localhost} at the given ports. */
    public static ReadinessBalancer over(List<Integer> replicaPorts) {
        return new ReadinessBalancer(replicaPorts);
    }

    public String baseUrl() {
        return "http://localhost:" + server.getLocalPort();
    }

    /** The replicas ready at the last probe. */
    public Set<Integer> readyReplicas() {
        return Set.copyOf(ready);
    }

    private void probeForever() {
        while (open) {
            probeAll();
            sleep(PROBE_PERIOD);
        }
    }

    private void probeAll() {
        for (int port : replicaPorts) {
            if (isReady(port)) {
                ready.add(port);
            } else {
                ready.remove(port);
            }
        }
    }

    private boolean isReady(int port) {
        try {
            return probes.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException noAnswer) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void acceptForever() {
        while (open) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> route(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** To the next ready replica; one that refuses is skipped (and out until it probes ready again). */
    private void route(Socket client) {
        for (int tried = 0; tried < replicaPorts.size(); tried++) {
            List<Integer> candidates = replicaPorts.stream().filter(ready::contains).toList();
            if (candidates.isEmpty()) {
                break;
            }
            int port = candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
            Socket replica = new Socket();
            try {
                replica.connect(new InetSocketAddress("localhost", port), (int) CONNECT_TIMEOUT.toMillis());
            } catch (IOException refused) {
                ready.remove(port);
                closeQuietly(replica);
                continue;
            }
            Thread.ofVirtual().start(() -> pipe(client, replica));
            pipe(replica, client);
            return;
        }
        closeQuietly(client); // nothing ready: the client sees its connection closed, as with no endpoints
    }

    /** Copies until either side ends, then closes both (a reset on one side resets the other). */
    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // the connection ended one way or the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        acceptor.interrupt();
        prober.interrupt();
    }
}
