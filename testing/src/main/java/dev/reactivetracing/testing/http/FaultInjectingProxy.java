package dev.reactivetracing.testing.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Sits between a client and a real service and misbehaves on request: network fault injection, not a fake service.
 * In {@link Mode#PASS} it forwards everything unchanged (headers too, so traces propagate); it remembers the headers
 * of the last request to each path, so a test can see what the client really sent.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What happens to the POSTs to the faulty path. */
    public enum Mode {
        /** Forward unchanged. */
        PASS,
        /** Forward at once (inventory does the work) but answer only after the configured delay. */
        SLOW_ANSWERS,
        /** Answer 500 without forwarding. */
        FAIL_WITH_500,
        /** Close the connection without an answer, as a crashing service would. */
        DROP_CONNECTIONS,
        /**
         * Every other POST answers 500 without forwarding, the others are forwarded: a balancer in front of two
         * replicas, one of them failing. A client that retries gets through on the second attempt.
         */
        EVERY_OTHER_FAILS_WITH_500
    }

    /** Headers java.net.http sets itself or refuses; everything else is forwarded, trace context included. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private static FaultInjectingProxy shared;

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> target;
    private final Map<String, AtomicInteger> postsByPath = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> lastHeadersByPath = new ConcurrentHashMap<>();
    private volatile String faultyPath = "";
    private volatile Mode mode = Mode.PASS;
    private volatile Duration answerDelay = Duration.ZERO;
    private final AtomicInteger faultyPosts = new AtomicInteger();

    private FaultInjectingProxy(Supplier<String> target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 100);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** One proxy per test JVM; the target is looked up on each request, so it may start after the proxy. */
    public static synchronized FaultInjectingProxy shared(Supplier<String> target) {
        if (shared == null) {
            shared = new FaultInjectingProxy(target);
        }
        return shared;
    }

    /** A proxy of its own, in front of {@code target}. */
    public static FaultInjectingProxy to(Supplier<String> target) {
        return new FaultInjectingProxy(target);
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Back to forwarding everything unchanged. */
    public void pass() {
        mode = Mode.PASS;
    }

    /** Misbehaves on POSTs to {@code path}; {@code delay} is for {@link Mode#SLOW_ANSWERS}. */
    public void misbehave(String path, Mode newMode, Duration delay) {
        faultyPath = path;
        faultyPosts.set(0);
        answerDelay = delay;
        mode = newMode;
    }

    /** POSTs to {@code path} since the last reset, whatever the mode: one per attempt of the client. */
    public int postsTo(String path) {
        AtomicInteger posts = postsByPath.get(path);
        return posts == null ? 0 : posts.get();
    }

    public void resetCounts() {
        postsByPath.clear();
    }

    /** The headers (names in lower case) of the last request to {@code path}. */
    public Map<String, List<String>> lastRequestHeaders(String path) {
        return lastHeadersByPath.getOrDefault(path, Map.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                List.copyOf(values)));
        lastHeadersByPath.put(exchange.getRequestURI().getPath(), headers);
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (post) {
                postsByPath.computeIfAbsent(path, ignored -> new AtomicInteger()).incrementAndGet();
            }
            boolean faulty = post && faultyPath.equals(path);
            Mode current = faulty ? mode : Mode.PASS;
            if (current == Mode.EVERY_OTHER_FAILS_WITH_500) {
                current = faultyPosts.getAndIncrement() % 2 == 0 ? Mode.FAIL_WITH_500 : Mode.PASS;
            }
            switch (current) {
                case DROP_CONNECTIONS -> {
                    // No status line at all: the client sees the connection end.
                }
                case FAIL_WITH_500, EVERY_OTHER_FAILS_WITH_500 -> respond(exchange, 500, Map.of("Content-Type",
                        List.of("application/problem+json")),
                        "{\"title\":\"Internal error\",\"status\":500}".getBytes(StandardCharsets.UTF_8));
                case SLOW_ANSWERS -> {
                    HttpResponse<byte[]> answer = forward(exchange);
                    sleep(answerDelay);
                    respond(exchange, answer.statusCode(), answer.headers().map(), answer.body());
                }
                case PASS -> {
                    HttpResponse<byte[]> answer = forward(exchange);
                    respond(exchange, answer.statusCode(), answer.headers().map(), answer.body());
                }
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream requestBody = exchange.getRequestBody()) {
            body = requestBody.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.get() + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream responseBody = exchange.getResponseBody()) {
                responseBody.write(body);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
