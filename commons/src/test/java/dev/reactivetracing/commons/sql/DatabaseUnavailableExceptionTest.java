package dev.reactivetracing.commons.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class DatabaseUnavailableExceptionTest {

    @Test
    void aRefusedResetOrClosedConnectionIsTheDatabaseBeingAway() {
        assertTrue(DatabaseUnavailableException.isCause(new ConnectException("Connection refused")));
        // What the reactive client reports when PostgreSQL stops during a query.
        assertTrue(DatabaseUnavailableException.isCause(new SocketException("Connection reset")));
        assertTrue(DatabaseUnavailableException.isCause(
                new CompletionException(new SocketException("Broken pipe"))));
        assertTrue(DatabaseUnavailableException.isCause(ClosedConnectionException.INSTANCE));
    }

    @Test
    void connectionAndShutdownSqlStatesAreTheDatabaseBeingAway() {
        assertTrue(DatabaseUnavailableException.isCause(pgError("08006")));
        assertTrue(DatabaseUnavailableException.isCause(pgError("57P01")));
        assertTrue(DatabaseUnavailableException.isCause(pgError("57P03")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailableException.isCause(pgError(SqlStates.UNIQUE_VIOLATION)));
        assertFalse(DatabaseUnavailableException.isCause(new IllegalStateException("bug")));
        assertFalse(DatabaseUnavailableException.isCause(new CompletionException(new ArithmeticException())));
    }

    private static PgException pgError(String sqlState) {
        return new PgException("failure", "ERROR", sqlState, null);
    }
}
