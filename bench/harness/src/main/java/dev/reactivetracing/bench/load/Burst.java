package dev.reactivetracing.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import dev.reactivetracing.bench.report.Stats;

/**
 * A flash sale: {@code buyers} orders of one unit each sent at once for a product with {@code stock} units, each with
 * an Idempotency-Key of its own and a customer drawn at random, over connections of their own (a new client per
 * burst, as many buyers' browsers would open). Exactly {@code stock} must be created (201) and every other refused
 * for lack of stock (409); nobody may be turned away (503).
 */
public final class Burst {

    private Burst() {
    }

    /** One buyer's answer: the status (0 for no answer) and the time from sending to the answer. */
    public record Answer(int status, double latencyMs, String body) {
    }

    public static List<Answer> send(String orderUrl, List<String> customers, String product, int buyers,
            Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            List<CompletableFuture<Answer>> sent = new ArrayList<>();
            for (int buyer = 0; buyer < buyers; buyer++) {
                String body = "{\"customer_id\":\"" + customers.get(ThreadLocalRandom.current().nextInt(
                        customers.size())) + "\",\"items\":[{\"product_id\":\"" + product + "\",\"quantity\":1}]}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(orderUrl + "/api/orders")).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long sentAt = System.nanoTime();
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .handle((response, failure) -> failure != null
                                ? new Answer(0, (System.nanoTime() - sentAt) / 1e6, failure.toString())
                                : new Answer(response.statusCode(), (System.nanoTime() - sentAt) / 1e6,
                                        response.body())));
            }
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            http.shutdownNow();
        }
    }

    /**
     * The burst's figures: answers by status, whether exactly the stock was sold (by the answers and by the
     * databases' {@code stockLeft} and {@code unitsOrdered}), p50/p99/max latency, attempts per second.
     */
    public static Map<String, Object> figures(List<Answer> answers, double seconds, int stock, long stockLeft,
            long unitsOrdered) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach(answer -> byStatus.merge(answer.status(), 1L, Long::sum));
        List<Double> latencies = answers.stream().map(Answer::latencyMs).toList();
        long created = byStatus.getOrDefault(201, 0L);
        long refused = byStatus.getOrDefault(409, 0L);
        long unavailable = byStatus.getOrDefault(503, 0L);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("buyers", answers.size());
        values.put("stock", stock);
        values.put("status_201", created);
        values.put("status_409", refused);
        values.put("status_503", unavailable);
        values.put("status_other", answers.size() - created - refused - unavailable);
        values.put("stock_left", stockLeft);
        values.put("units_ordered", unitsOrdered);
        boolean exact = created == stock && refused == answers.size() - stock && stockLeft == 0
                && unitsOrdered == stock;
        values.put("exact", exact ? 1 : 0);
        values.put("p50_ms", Stats.percentile(latencies, 50));
        values.put("p99_ms", Stats.percentile(latencies, 99));
        values.put("max_ms", Stats.percentile(latencies, 100));
        values.put("seconds", seconds);
        values.put("attempts_per_s", answers.size() / seconds);
        answers.stream().filter(answer -> answer.status() != 201 && answer.status() != 409).findFirst()
                .ifPresent(odd -> values.put("sample_unexpected_answer", odd.status() + " " + odd.body()));
        // What checkErrors reads: a wrong count is a failure of the run.
        values.put("total", answers.size());
        values.put("failed", exact && unavailable == 0 ? 0 : answers.size());
        return values;
    }
}
