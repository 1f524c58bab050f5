package dev.reactivetracing.order.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.reactivetracing.commons.problem.ResourceNotFoundException;
import dev.reactivetracing.commons.sql.SqlStates;
import dev.reactivetracing.order.model.Customer;
import dev.reactivetracing.order.repository.CustomerRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class CustomerService {

    private final Pool pool;
    private final CustomerRepository customers;

    public CustomerService(Pool pool, CustomerRepository customers) {
        this.pool = pool;
        this.customers = customers;
    }

    public Uni<Customer> register(String name, String email) {
        return customers.insert(pool, UUID.randomUUID(), name.strip(), email.strip())
                .map(created -> created.orElseThrow(CustomerConflictException::emailTaken));
    }

    public Uni<Customer> get(UUID id) {
        return customers.findById(pool, id)
                .map(found -> found.orElseThrow(() -> new ResourceNotFoundException("Customer", id.toString())));
    }

    /** Deletes a customer without orders; deleting one with orders is refused (their orders keep their owner). */
    public Uni<Void> delete(UUID id) {
        return customers.deleteIfWithoutOrders(pool, id)
                // An order saved while this ran: the foreign key refuses the delete.
                .onFailure(failure -> SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION, null))
                .transform(orderArrived -> CustomerConflictException.hasOrders())
                .flatMap(deleted -> deleted
                        ? Uni.createFrom().voidItem()
                        : customers.exists(pool, id).map(exists -> {
                            throw exists
                                    ? CustomerConflictException.hasOrders()
                                    : new ResourceNotFoundException("Customer", id.toString());
                        }));
    }
}
