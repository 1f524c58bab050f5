package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createProduct;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.get;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reactivetracing.system.RunningSystem;
import dev.reactivetracing.tooling.process.ServiceProcess;
import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/**
 * No personal data in telemetry: a customer with a known name and e-mail registers, orders, fails to order, is
 * looked up; then every exported span (name, attributes, events, status), every metric point and every log line of
 * both services is searched for any part of the name or e-mail.
 */
class PersonalDataGuaranteeTest {

    private static final String NAME = "Zephyrine Quillfeather";
    private static final String EMAIL = "zephyrine.quillfeather@pii-probe.example";
    /** Lower case: any of these, in any case, in telemetry is a hit. */
    private static final List<String> NEEDLES = List.of("zephyrine", "quillfeather", "pii-probe");

    @AutoClose
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("personaldata", Map.of("OTEL_TRACES_SAMPLER_ARG", "1.0"), Map.of());
    }

    @Test
    void neitherTheNameNorTheEmailReachesSpansMetricsOrLogs() throws InterruptedException {
        String orderUrl = system.order.baseUrl();
        String product = createProduct(system.inventory.baseUrl(), 250, 5);
        String customerId = body(expect(201, post(orderUrl + "/api/customers", Map.of("name", NAME,
                "email", EMAIL)))).get("id").asText();
        expect(409, post(orderUrl + "/api/customers", Map.of("name", NAME, "email", EMAIL)));
        expect(400, post(orderUrl + "/api/customers", Map.of("name", NAME, "email", "zephyrine at pii-probe")));
        expect(400, post(orderUrl + "/api/customers", Map.of("name", NAME + "\u0000", "email", EMAIL)));
        String lastOrder = null;
        for (int index = 0; index < 3; index++) {
            lastOrder = body(expect(201, post(orderUrl + "/api/orders", order(customerId, product, 1))))
                    .get("id").asText();
        }
        expect(409, post(orderUrl + "/api/orders", order(customerId, product, 50)));
        expect(422, post(orderUrl + "/api/orders", order(customerId, "NO-SUCH-PRODUCT", 1)));
        expect(200, get(orderUrl + "/api/customers/" + customerId));
        expect(200, get(orderUrl + "/api/orders?customer_id=" + customerId));
        String lastOrderId = lastOrder;
        system.receiver.awaitSpans(spans -> spans.stream().anyMatch(span -> span.name().equals("create_order")
                && lastOrderId.equals(span.attribute("reactivetracing.order.id"))), Duration.ofSeconds(15));
        Thread.sleep(Duration.ofSeconds(2)); // the last metric export and log lines

        List<String> hits = new ArrayList<>();
        for (ReceivedSpan span : system.receiver.spans()) {
            search(span.serviceName() + " span " + span.name(), span.name() + " " + span.statusMessage() + " "
                    + span.attributes() + " " + span.resourceAttributes() + " " + span.events(), hits);
        }
        system.receiver.metrics()
                .forEach(metric -> search("metric " + metric.name(), metric.points().toString(), hits));
        for (ServiceProcess service : List.of(system.order, system.inventory)) {
            try {
                for (String line : Files.readAllLines(service.logFile())) {
                    search(service + " log", line, hits);
                }
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
        Guarantees.add(Figure.PII_HITS, hits.size());
        assertTrue(system.receiver.spans().size() > 20 && !system.receiver.metrics().isEmpty(), "telemetry seen");
        assertEquals(List.of(), hits.subList(0, Math.min(10, hits.size())), hits.size() + " PII hits");
    }

    private static void search(String where, String text, List<String> hits) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String needle : NEEDLES) {
            if (lower.contains(needle)) {
                hits.add(where + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
                return;
            }
        }
    }
}
