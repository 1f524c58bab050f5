package dev.reactivetracing.inventory.rest;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.reactivetracing.commons.validation.ProductLine;
import dev.reactivetracing.inventory.model.Product;
import dev.reactivetracing.inventory.rest.dto.AddStockRequest;
import dev.reactivetracing.inventory.rest.dto.CreateProductRequest;
import dev.reactivetracing.inventory.rest.dto.ProductPage;
import dev.reactivetracing.inventory.service.ProductService;
import io.smallrye.mutiny.Uni;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "products")
public class ProductResource {

    private final ProductService productService;

    public ProductResource(ProductService productService) {
        this.productService = productService;
    }

    @GET
    @Operation(summary = "A page of the catalog, ordered by id")
    public Uni<ProductPage> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        return productService.list(page, size).map(products -> new ProductPage(products, page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One product with its current stock")
    public Uni<Product> get(@PathParam("id") @Pattern(regexp = ProductLine.PRODUCT_ID_PATTERN) String id) {
        return productService.get(id);
    }

    @POST
    @Operation(summary = "Add a product to the catalog")
    public Uni<RestResponse<Product>> create(@NotNull @Valid CreateProductRequest request) {
        return productService
                .create(new Product(request.id(), request.name(), request.priceCents(), request.stock()))
                .map(created -> RestResponse.ResponseBuilder.<Product>created(URI.create("/api/products/" + created.id())).entity(created).build());
    }

    @POST
    @Path("/{id}/stock")
    @Operation(summary = "Add stock to a product (a delivery arrived)")
    public Uni<Product> addStock(@PathParam("id") @Pattern(regexp = ProductLine.PRODUCT_ID_PATTERN) String id,
            @NotNull @Valid AddStockRequest request) {
        return productService.addStock(id, request.quantity());
    }
}
