package dev.reactivetracing.bench.loadgen;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one open-model run does: the order rate of each step (one step: a constant rate; several: a rising rate, each
 * step reported on its own), how long each lasts, and what the orders look like.
 *
 * @param url order-service's base URL
 * @param rates orders started per second, one per step, in order
 * @param stepSeconds how long each step lasts
 * @param warmupSeconds an unmeasured phase at the first rate before the first step (0: none)
 * @param products the catalog's size: products BENCH-0 .. BENCH-(n-1)
 * @param itemsPerOrder 2 (one product from each half of the catalog, as wrk and pgbench) or 1
 * @param product if set, every order is for this one product (the hot product); otherwise spread over the catalog
 * @param customersFile customer ids, one a line
 * @param out where the JSON result goes
 * @param connections HTTP/1.1 connections shared by the sessions
 * @param maxSessions orders in flight at most; beyond that new ones are throttled (counted as missing attempts)
 * @param timeoutSeconds an order not answered within this is a failure (a timeout)
 */
public record OpenLoadOptions(String url, List<Double> rates, int stepSeconds, int warmupSeconds, int products,
        int itemsPerOrder, String product, String customersFile, String out, int connections, int maxSessions,
        int timeoutSeconds) {

    static final String USAGE = """
            Usage: java -cp 'loadgen.jar:lib/*' dev.reactivetracing.bench.loadgen.OpenLoad --url URL
                   (--rate R | --rates R1,R2,...) --duration S --products N --customers FILE --out FILE
                   [--warmup S] [--items 1|2] [--product ID] [--connections N] [--max-sessions N] [--timeout S]
            """;

    public OpenLoadOptions {
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> !(rate > 0))) {
            throw new IllegalArgumentException("rates must be positive, got " + rates);
        }
        if (itemsPerOrder != 1 && itemsPerOrder != 2) {
            throw new IllegalArgumentException("--items is 1 or 2, got " + itemsPerOrder);
        }
        if (products < 2 || stepSeconds <= 0 || connections <= 0 || maxSessions <= 0 || timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--products must be at least 2, durations, --connections, "
                    + "--max-sessions and --timeout positive");
        }
        rates = List.copyOf(rates);
    }

    /** Whether every order is for one product. */
    public boolean hotProduct() {
        return product != null;
    }

    public static OpenLoadOptions parse(String[] arguments) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            if (!arguments[i].startsWith("--") || i + 1 >= arguments.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + arguments[i]);
            }
            options.put(arguments[i].substring(2), arguments[++i]);
        }
        if (options.containsKey("rate") == options.containsKey("rates")) {
            throw new IllegalArgumentException("Give either --rate or --rates");
        }
        String rates = options.containsKey("rate") ? options.get("rate") : options.get("rates");
        return new OpenLoadOptions(required(options, "url"),
                Arrays.stream(rates.split(",")).map(String::trim).map(Double::parseDouble).toList(),
                Integer.parseInt(required(options, "duration")),
                Integer.parseInt(options.getOrDefault("warmup", "0")),
                Integer.parseInt(required(options, "products")),
                Integer.parseInt(options.getOrDefault("items", "2")),
                options.get("product"),
                required(options, "customers"),
                required(options, "out"),
                Integer.parseInt(options.getOrDefault("connections", "32")),
                Integer.parseInt(options.getOrDefault("max-sessions", "2000")),
                Integer.parseInt(options.getOrDefault("timeout", "10")));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
