package dev.reactivetracing.bench.loadgen;

import java.util.List;

/**
 * The Hyperfoil benchmark of one run: an optional unmeasured warm-up phase, then one {@code constantRate} phase per
 * step ({@code step-1}, {@code step-2}, ...), each starting when the one before stops starting orders. Each order
 * starts at its scheduled time whether or not earlier ones have answered (an open model: no coordinated omission).
 */
final class BenchmarkYaml {

    static final String WARMUP = "warmup";

    private BenchmarkYaml() {
    }

    static String stepName(int index) {
        return "step-" + (index + 1);
    }

    static String of(OpenLoadOptions options, List<String> customers) {
        StringBuilder yaml = new StringBuilder("""
                name: orders-open-model
                threads: 1
                http:
                  host: %s
                  sharedConnections: %d
                ergonomics:
                  autoRangeCheck: false
                  stopOnInvalid: false
                phases:
                """.formatted(options.url(), options.connections()));
        String scenario = scenario(options, customers);
        String previous = null;
        if (options.warmupSeconds() > 0) {
            yaml.append(phase(WARMUP, options.rates().getFirst(), options.warmupSeconds(), options.maxSessions(),
                    true, null)).append(scenario);
            previous = WARMUP;
        }
        for (int i = 0; i < options.rates().size(); i++) {
            yaml.append(phase(stepName(i), options.rates().get(i), options.stepSeconds(), options.maxSessions(), false,
                    previous)).append(scenario);
            previous = stepName(i);
        }
        return yaml.toString();
    }

    private static String phase(String name, double rate, int seconds, int maxSessions, boolean warmup,
            String startAfter) {
        StringBuilder phase = new StringBuilder("""
                - %s:
                    constantRate:
                      usersPerSec: %s
                      duration: %ds
                      maxSessions: %d
                      sessionLimitPolicy: CONTINUE
                """.formatted(name, number(rate), seconds, maxSessions));
        if (warmup) {
            phase.append("      isWarmup: true\n");
        }
        if (startAfter != null) {
            phase.append("      startAfter: ").append(startAfter).append('\n');
        }
        return phase.toString();
    }

    /** One order per session: a random customer; the products as the options say. */
    private static String scenario(OpenLoadOptions options, List<String> customers) {
        StringBuilder customerList = new StringBuilder();
        for (String customer : customers) {
            customerList.append("      - ").append(customer).append('\n');
        }
        StringBuilder steps = new StringBuilder("""
                scenario:
                - order:
                  - randomItem:
                      toVar: customer
                      list:
                """).append(customerList);
        String items;
        if (options.hotProduct()) {
            items = item(options.product());
        } else if (options.itemsPerOrder() == 1) {
            steps.append("  - randomInt: first <- 0 .. ").append(options.products() - 1).append('\n');
            items = item("BENCH-${first}");
        } else {
            int half = options.products() / 2;
            steps.append("  - randomInt: first <- 0 .. ").append(half - 1).append('\n')
                    .append("  - randomInt: second <- ").append(half).append(" .. ").append(options.products() - 1)
                    .append('\n');
            items = item("BENCH-${first}") + "," + item("BENCH-${second}");
        }
        steps.append("""
                  - httpRequest:
                      POST: /api/orders
                      headers:
                        content-type: application/json
                      body:
                        pattern: '{"customer_id":"${customer}","items":[%s]}'
                      timeout: %ds
                """.formatted(items, options.timeoutSeconds()));
        return steps.toString().indent(6);
    }

    private static String item(String productId) {
        return "{\"product_id\":\"" + productId + "\",\"quantity\":1}";
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
