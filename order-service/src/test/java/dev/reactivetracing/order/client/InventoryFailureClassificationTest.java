package dev.reactivetracing.order.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

/** Which failures are retried, and which mean stock may be held at inventory-service. */
class InventoryFailureClassificationTest {

    @Test
    void connectionFailuresAreTransportFailuresButBadBodiesAreNot() {
        assertTrue(InventoryClient.isTransportFailure(new ProcessingException(new ConnectException("refused"))));
        assertTrue(InventoryClient.isTransportFailure(new IOException("Connection was closed")));
        assertFalse(InventoryClient.isTransportFailure(
                new ProcessingException(new JsonParseException(null, "not JSON"))));
        assertFalse(InventoryClient.isTransportFailure(new IllegalStateException("refused with HTTP 400")));
    }

    @Test
    void onlyACallThatWasSentMayHoldStock() {
        assertFalse(InventoryClient.mayHaveReachedInventory(new CircuitBreakerOpenException("open")));
        assertFalse(InventoryClient.mayHaveReachedInventory(
                new InventoryUnreachableException(new ProcessingException(new ConnectException("refused")))));
        assertTrue(InventoryClient.mayHaveReachedInventory(new TimeoutException("late")));
        assertTrue(InventoryClient.mayHaveReachedInventory(new InventoryServerErrorException(503)));
        assertTrue(InventoryClient.mayHaveReachedInventory(
                new InventoryUnreachableException(new IOException("Connection was closed"))));
    }
}
