package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reactivetracing.system.ReplicatedSystem;
import dev.reactivetracing.system.ReplicatedSystem.Instance;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;

/**
 * Production's shape: two inventory-service instances on one database behind a balancer that routes to ready ones,
 * two order-service instances on theirs, orders spread over both (and duplicates of one Idempotency-Key sent to both
 * at the same time, and cancels), while one instance of each service is SIGKILLed mid-load and restarted ten seconds
 * later. Clients do what clients do: a request that got no answer is retried with the same key on the other instance.
 * After the run: nothing oversold, no order lost, every order.created delivered and confirmed once, one order per key,
 * no reservation held without an order (the stock of orders whose instance died is given back, not left to expire),
 * no 503 at any time, and every key retried after its instance died converged on one order within seconds.
 */
class ReplicasGuaranteeTest {

    private static final int SCARCE_STOCK = 40;
    private static final int AMPLE_STOCK = 1_000_000;
    private static final int CLIENTS = 8;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(Guarantees.scaled(8, 20));
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(Guarantees.scaled(8, 30));
    /** A key whose instance died converges once its attempt may be taken over (owner timeout 5 s), plus retries. */
    private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<Duration> convergences = new ConcurrentLinkedQueue<>();
    private final Map<String, Set<String>> ordersByKey = new ConcurrentHashMap<>();
    private final AtomicLong unresolved = new AtomicLong();

    /** One answer of an order-service instance (status 0: no answer, the connection failed). */
    record Answer(String instance, int status, String body) {

        Answer withInstance(String name) {
            return new Answer(name, status, body);
        }
    }

    @Test
    void killingAnInstanceOfEachServiceMidLoadLosesNothingAndTurnsNobodyAway() throws Exception {
        // The relay's lease, shortened so that events a killed relay had claimed are delivered again within the test.
        try (ReplicatedSystem system = ReplicatedSystem.start("replicas", 2, 2,
                Map.of("OTEL_TRACES_SAMPLER_ARG", "0.1"), Map.of("ORDERS_OUTBOX_LEASE", "15s"))) {
            List<String> scarce = List.of(product(system, SCARCE_STOCK), product(system, SCARCE_STOCK),
                    product(system, SCARCE_STOCK));
            String ample = product(system, AMPLE_STOCK);
            List<String> customers = new ArrayList<>();
            for (int customer = 0; customer < 20; customer++) {
                customers.add(customer(system));
            }

            Load load = new Load(system, customers, scarce, ample);
            load.start();
            Thread.sleep(BEFORE_KILL.toMillis());
            Instance killedOrder = system.orders().get(0);
            Instance killedInventory = system.inventories().get(0);
            killedOrder.kill();
            killedInventory.kill();
            Guarantees.faultInjected();
            Thread.sleep(DOWN_FOR.toMillis());
            killedInventory.start();
            killedOrder.start();
            Thread.sleep(AFTER_RESTART.toMillis());
            load.stop();

            awaitQuiet(system);
            assertEverythingHeld(system, scarce, ample);
            Guarantees.survived();
        }
    }

    /** Every event delivered, and the stock of every order that will not exist given back. */
    private void awaitQuiet(ReplicatedSystem system) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count(system, system.orderDatabase(), "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
                        && count(system, system.orderDatabase(), """
                                SELECT count(*) FROM order_attempt a
                                WHERE NOT EXISTS (SELECT 1 FROM customer_order o WHERE o.id = a.order_id)""") == 0
                        && count(system, system.inventoryDatabase(),
                                "SELECT count(*) FROM reservation WHERE status = 'RESERVED'") == 0);
    }

    private void assertEverythingHeld(ReplicatedSystem system, List<String> scarce, String ample) {
        List<Answer> all = List.copyOf(answers);
        long unavailable = all.stream().filter(answer -> answer.status() == 503).count();
        Guarantees.add(Figure.REPLICAS_UNAVAILABLE, unavailable);
        Duration slowest = convergences.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        Guarantees.add(Figure.KEY_CONVERGENCE_MS, slowest.toMillis());

        Set<String> createdOrderIds = new HashSet<>();
        ordersByKey.values().forEach(createdOrderIds::addAll);
        Set<String> storedOrders = ids(system, system.orderDatabase(), """
                SELECT o.id::text FROM customer_order o
                WHERE EXISTS (SELECT 1 FROM order_item i WHERE i.order_id = o.id)
                  AND EXISTS (SELECT 1 FROM outbox e WHERE e.aggregate_id = o.id)""");
        Set<String> lost = new HashSet<>(createdOrderIds);
        lost.removeAll(storedOrders);
        Guarantees.add(Figure.ORDERS_LOST, lost.size());
        long duplicateKeys = ordersByKey.values().stream().filter(orderIds -> orderIds.size() > 1).count()
                + count(system, system.orderDatabase(), """
                        SELECT count(*) FROM (SELECT 1 FROM customer_order WHERE idempotency_key IS NOT NULL
                                              GROUP BY customer_id, idempotency_key HAVING count(*) > 1) twice""");
        Guarantees.add(Figure.DUPLICATE_ORDERS, duplicateKeys);

        // Every order's reservation: confirmed if the order stands, released if it was cancelled; none left holding
        // stock for an order that does not exist, none left to expire.
        Map<String, String> orderStatus = pairs(system, system.orderDatabase(),
                "SELECT id::text, status FROM customer_order");
        Map<String, String> reservationStatus = pairs(system, system.inventoryDatabase(),
                "SELECT order_id, status FROM reservation");
        long undelivered = orderStatus.entrySet().stream().filter(order -> !reservationStatus.get(order.getKey())
                .equals(order.getValue().equals("CREATED") ? "CONFIRMED" : "RELEASED")).count();
        Guarantees.add(Figure.EVENTS_NOT_DELIVERED, undelivered);
        long heldWithoutOrder = reservationStatus.entrySet().stream()
                .filter(reservation -> !orderStatus.containsKey(reservation.getKey()))
                .filter(reservation -> !reservation.getValue().equals("RELEASED"))
                .count();
        Guarantees.add(Figure.STOCK_HELD_WITHOUT_ORDER, heldWithoutOrder);

        long oversold = 0;
        List<String> accounting = new ArrayList<>();
        for (String product : scarce) {
            int ordered = unitsOrdered(system, product);
            int stock = stockOf(system, product);
            oversold += Math.max(0, ordered - SCARCE_STOCK) + Math.max(0, -stock);
            accounting.add(product + ": " + ordered + " ordered, " + stock + " in stock");
            assertEquals(SCARCE_STOCK, stock + ordered, "stock and live orders add up for " + product);
        }
        Guarantees.add(Figure.UNITS_OVERSOLD, oversold);
        assertEquals(AMPLE_STOCK, stockOf(system, ample) + unitsOrdered(system, ample), "the ample product adds up");

        String summary = all.size() + " answers " + all.stream().collect(Collectors.groupingBy(Answer::status,
                TreeMap::new, Collectors.counting())) + "; " + createdOrderIds.size() + " orders; "
                + accounting + "; slowest convergence " + slowest.toMillis() + " ms; unresolved " + unresolved.get();
        System.out.println("Replicas: " + summary);
        assertEquals(0, unavailable, "no 503 while instances died and restarted: " + summary + "\n"
                + all.stream().filter(answer -> answer.status() == 503).limit(3).toList());
        assertEquals(Set.of(), lost, "orders answered 201 but not stored whole: " + summary);
        assertEquals(0, duplicateKeys, "one order per Idempotency-Key: " + summary);
        assertEquals(0, undelivered, "every order.created delivered and applied: " + summary);
        assertEquals(0, heldWithoutOrder, "no stock held for an order that does not exist: " + summary);
        assertEquals(0, count(system, system.inventoryDatabase(),
                "SELECT count(*) FROM reservation WHERE status = 'EXPIRED'"), "nothing was left to expire");
        assertEquals(0, oversold, summary);
        assertEquals(0, unresolved.get(), "every key got a final answer: " + summary);
        assertTrue(slowest.compareTo(CONVERGENCE_LIMIT) <= 0, "keys whose instance died converged within "
                + CONVERGENCE_LIMIT + ": " + summary);
        assertTrue(createdOrderIds.size() > 50, "the load was real: " + summary);
    }

    /** The clients: each places orders back to back, alternating instances, until stopped. */
    private final class Load {
        private final ReplicatedSystem system;
        private final List<String> customers;
        private final List<String> scarce;
        private final String ample;
        private final List<Thread> clients = new ArrayList<>();
        private volatile boolean running = true;

        Load(ReplicatedSystem system, List<String> customers, List<String> scarce, String ample) {
            this.system = system;
            this.customers = customers;
            this.scarce = scarce;
            this.ample = ample;
        }

        void start() {
            for (int client = 0; client < CLIENTS; client++) {
                int first = client % 2;
                clients.add(Thread.ofPlatform().name("replicas-client-" + client).start(() -> run(first)));
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(60));
            }
        }

        private void run(int firstInstance) {
            int instance = firstInstance;
            while (running) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String customer = customers.get(random.nextInt(customers.size()));
                String product = random.nextInt(10) < 7 ? scarce.get(random.nextInt(scarce.size())) : ample;
                String key = UUID.randomUUID().toString();
                Map<String, Object> body = Map.of("customer_id", customer,
                        "items", List.of(Map.of("product_id", product, "quantity", 1 + random.nextInt(2))));
                List<Answer> first;
                if (random.nextInt(100) < 15) {
                    // The same request with the same key to both instances at once (a client's impatient retry).
                    CompletableFuture<Answer> one = CompletableFuture.supplyAsync(() -> post(0, key, body));
                    CompletableFuture<Answer> other = CompletableFuture.supplyAsync(() -> post(1, key, body));
                    first = List.of(one.join(), other.join());
                } else {
                    first = List.of(post(instance, key, body));
                }
                instance = 1 - instance;
                Answer settled = settle(key, body, first, instance);
                if (settled != null && settled.status() == 201 && random.nextInt(100) < 5) {
                    cancel(settled, instance);
                }
            }
        }

        /**
         * Records the answers; while there is no final one (no answer at all, or the key still in progress), asks
         * again with the same key, on the other instance, as a client would. The time from the first missing answer
         * to the final one is the key's convergence.
         */
        private Answer settle(String key, Map<String, Object> body, List<Answer> first, int nextInstance) {
            first.forEach(answer -> record(key, answer));
            Answer last = first.stream().filter(answer -> isFinal(answer)).findFirst().orElse(null);
            if (last != null) {
                return last;
            }
            boolean instanceDied = first.stream().anyMatch(answer -> answer.status() == 0);
            long since = System.nanoTime();
            long deadline = since + Duration.ofSeconds(60).toNanos();
            int instance = nextInstance;
            while (System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(250));
                Answer again = post(instance, key, body);
                record(key, again);
                instanceDied |= again.status() == 0;
                instance = 1 - instance;
                if (isFinal(again)) {
                    if (instanceDied) {
                        convergences.add(Duration.ofNanos(System.nanoTime() - since));
                    }
                    return again;
                }
            }
            unresolved.incrementAndGet();
            return null;
        }

        private void cancel(Answer created, int instance) {
            String orderId = orderIdOf(created);
            for (int attempt = 0; attempt < 40; attempt++) {
                int status = send(HttpRequest.newBuilder(URI.create(system.orders().get(instance).baseUrl()
                        + "/api/orders/" + orderId + "/cancel")).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody()).build()).status();
                if (status == 200) {
                    return;
                }
                if (status != 0) {
                    answers.add(new Answer("cancel@" + instance, status, ""));
                    return;
                }
                instance = 1 - instance;
                sleep(Duration.ofMillis(250));
            }
        }

        private Answer post(int instance, String key, Map<String, Object> body) {
            try {
                return send(HttpRequest.newBuilder(URI.create(system.orders().get(instance).baseUrl() + "/api/orders"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build())
                        .withInstance("order-" + instance);
            } catch (IOException unwritable) {
                throw new UncheckedIOException(unwritable);
            }
        }

        private void record(String key, Answer answer) {
            answers.add(answer);
            if (answer.status() == 201) {
                ordersByKey.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(orderIdOf(answer));
            }
        }
    }

    /** A final answer: anything but no answer and "in progress". */
    private static boolean isFinal(Answer answer) {
        return answer.status() != 0 && !(answer.status() == 409
                && answer.body().contains("idempotency-key-in-progress"));
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer("", response.statusCode(), response.body());
        } catch (IOException noAnswer) {
            return new Answer("", 0, noAnswer.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Answer("", 0, "interrupted");
        }
    }

    private static String orderIdOf(Answer created) {
        try {
            JsonNode body = JSON.readTree(created.body());
            return body.get("id").asText();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private String product(ReplicatedSystem system, int stock) {
        String id = "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Answer created = sendJson(system.inventories().get(1).baseUrl() + "/api/products",
                Map.of("id", id, "name", "Replica product", "price_cents", 100, "stock", stock));
        assertEquals(201, created.status(), created.body());
        return id;
    }

    private String customer(ReplicatedSystem system) {
        Answer created = sendJson(system.orders().get(1).baseUrl() + "/api/customers",
                Map.of("name", "Replica Customer", "email", "replica-" + UUID.randomUUID() + "@example.com"));
        assertEquals(201, created.status(), created.body());
        return orderIdOf(created);
    }

    private Answer sendJson(String url, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static int unitsOrdered(ReplicatedSystem system, String product) {
        return count(system, system.orderDatabase(), """
                SELECT coalesce(sum(i.quantity), 0) FROM order_item i JOIN customer_order o ON o.id = i.order_id
                WHERE o.status = 'CREATED' AND i.product_id = '%s'""".formatted(product));
    }

    private static int stockOf(ReplicatedSystem system, String product) {
        return count(system, system.inventoryDatabase(), "SELECT stock FROM product WHERE id = '" + product + "'");
    }

    private static int count(ReplicatedSystem system, String database, String sql) {
        return Integer.parseInt(system.postgres.queryForString(database, sql));
    }

    private static Set<String> ids(ReplicatedSystem system, String database, String sql) {
        return rows(system, database, sql).stream().map(row -> row.get(0)).collect(Collectors.toSet());
    }

    /** The first column mapped to the second. */
    private static Map<String, String> pairs(ReplicatedSystem system, String database, String sql) {
        Map<String, String> pairs = new HashMap<>();
        rows(system, database, sql).forEach(row -> pairs.put(row.get(0), row.get(1)));
        return pairs;
    }

    private static List<List<String>> rows(ReplicatedSystem system, String database, String sql) {
        try (Connection connection = DriverManager.getConnection(system.postgres.jdbcUrl(database),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException failure) {
            throw new IllegalStateException("Query failed: " + sql, failure);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
