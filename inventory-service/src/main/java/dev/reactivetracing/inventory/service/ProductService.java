package dev.reactivetracing.inventory.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.problem.ResourceNotFoundException;
import dev.reactivetracing.inventory.config.InventoryConfig;
import dev.reactivetracing.inventory.model.Product;
import dev.reactivetracing.inventory.model.StockLevels;
import dev.reactivetracing.inventory.repository.ProductRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class ProductService {

    private final Pool pool;
    private final ProductRepository products;
    private final InventoryConfig config;

    public ProductService(Pool pool, ProductRepository products, InventoryConfig config) {
        this.pool = pool;
        this.products = products;
        this.config = config;
    }

    public Uni<Product> create(Product product) {
        return products.insert(pool, product)
                .map(created -> created.orElseThrow(() -> new ProductAlreadyExistsException(product.id())));
    }

    public Uni<Product> get(String id) {
        return products.findById(pool, id)
                .map(found -> found.orElseThrow(() -> new ResourceNotFoundException("Product", id)));
    }

    public Uni<List<Product>> list(int page, int size) {
        return products.listPage(pool, size, page * size);
    }

    public Uni<Product> addStock(String id, int quantity) {
        return products.addStock(pool, id, quantity, config.maximumStock())
                .flatMap(updated -> updated.isPresent()
                        ? Uni.createFrom().item(updated.get())
                        // Tell a missing product from a full one.
                        : get(id).map(existing -> {
                            throw new StockLimitExceededException(id, config.maximumStock());
                        }));
    }

    /** Available stock of the known ids; the others are listed as unknown, in the order asked. */
    public Uni<StockLevels> check(List<String> productIds) {
        Set<String> distinctIds = new LinkedHashSet<>(productIds);
        return products.stockOf(pool, distinctIds).map(stockById -> new StockLevels(stockById,
                distinctIds.stream().filter(id -> !stockById.containsKey(id)).toList()));
    }
}
