package dev.reactivetracing.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.reactivetracing.bench.support.HttpJson;
import dev.reactivetracing.bench.support.Tasks;

/** Puts the benchmark's products (ample stock) and customers in place, through the services' own APIs. */
public final class Catalog {

    /** The most a product may hold (inventory.maximum-stock): orders never run short during a run. */
    public static final int AMPLE_STOCK = 1_000_000_000;

    private Catalog() {
    }

    public static void load(HttpClient http, String inventoryUrl, String orderUrl, int products, int customers,
            Path customersFile) {
        loadProducts(http, inventoryUrl, products);
        loadCustomers(http, orderUrl, customers, customersFile);
    }

    /** Products BENCH-0 .. BENCH-(n-1), priced 100 + i cents (bench/pgbench/order.sql assumes the same). */
    public static void loadProducts(HttpClient http, String inventoryUrl, int products) {
        Tasks.inParallel(products, i -> createProduct(http, inventoryUrl, "BENCH-" + i, 100 + i, AMPLE_STOCK));
    }

    public static void createProduct(HttpClient http, String inventoryUrl, String id, long priceCents, int stock) {
        HttpJson.post(http, inventoryUrl + "/api/products", "{\"id\":\"" + id + "\",\"name\":\"Bench product " + id
                + "\",\"price_cents\":" + priceCents + ",\"stock\":" + stock + "}");
    }

    /** Registers customers and writes their ids, one a line, for the load generators. */
    public static void loadCustomers(HttpClient http, String orderUrl, int customers, Path customersFile) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        String run = UUID.randomUUID().toString().substring(0, 8);
        Tasks.inParallel(customers, i -> ids.add(HttpJson.post(http, orderUrl + "/api/customers",
                "{\"name\":\"Bench customer " + i + "\",\"email\":\"bench-" + run + "-" + i + "@example.com\"}")
                .get("id").asText()));
        try {
            Files.write(customersFile, ids);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public static List<String> customers(Path customersFile) {
        try {
            return Files.readAllLines(customersFile).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
