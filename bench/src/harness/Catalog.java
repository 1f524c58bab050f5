import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Puts the benchmark's products (ample stock) and customers in place, through the services' own APIs. */
final class Catalog {

    /** The most a product may hold (inventory.maximum-stock): orders never run short during a run. */
    static final int STOCK = 1_000_000_000;

    private Catalog() {
    }

    static void load(java.net.http.HttpClient http, String inventoryUrl, String orderUrl, int products,
            int customers, Path customersFile) throws InterruptedException {
        loadProducts(http, inventoryUrl, products);
        loadCustomers(http, orderUrl, customers, customersFile);
    }

    /** Products BENCH-0 .. BENCH-(n-1), priced 100 + i cents (bench/pgbench/order.sql assumes the same). */
    static void loadProducts(java.net.http.HttpClient http, String inventoryUrl, int products) {
        Bench.inParallel(products, i -> {
            try {
                Bench.post(http, inventoryUrl + "/api/products", "{\"id\":\"BENCH-" + i + "\",\"name\":\"Bench product "
                        + i + "\",\"price_cents\":" + (100 + i) + ",\"stock\":" + STOCK + "}");
            } catch (IOException | InterruptedException failure) {
                throw new IllegalStateException(failure);
            }
        });
    }

    /** Registers customers and writes their ids, one a line, for the load generators. */
    static void loadCustomers(java.net.http.HttpClient http, String orderUrl, int customers, Path customersFile) {
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        String run = Bench.uuid().substring(0, 8);
        Bench.inParallel(customers, i -> {
            try {
                ids.add(Bench.post(http, orderUrl + "/api/customers", "{\"name\":\"Bench customer " + i
                        + "\",\"email\":\"bench-" + run + "-" + i + "@example.com\"}").get("id").asText());
            } catch (IOException | InterruptedException failure) {
                throw new IllegalStateException(failure);
            }
        });
        try {
            Files.write(customersFile, ids);
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
