package dev.reactivetracing.order.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.reactivetracing.order.model.Customer;
import dev.reactivetracing.order.rest.dto.RegisterCustomerRequest;
import dev.reactivetracing.order.service.CustomerService;
import io.smallrye.mutiny.Uni;

@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
public class CustomerResource {

    private final CustomerService customerService;

    public CustomerResource(CustomerService customerService) {
        this.customerService = customerService;
    }

    @POST
    @Operation(summary = "Register a customer (e-mail addresses are unique)")
    public Uni<RestResponse<Customer>> register(@NotNull @Valid RegisterCustomerRequest request) {
        return customerService.register(request.name(), request.email())
                .map(customer -> RestResponse.ResponseBuilder
                        .<Customer>created(URI.create("/api/customers/" + customer.id()))
                        .entity(customer).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One customer")
    public Uni<Customer> get(@PathParam("id") UUID id) {
        return customerService.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a customer who has no orders")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return customerService.delete(id).map(ignored -> RestResponse.noContent());
    }
}
