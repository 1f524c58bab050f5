package dev.reactivetracing.commons.sql;

import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.reactivetracing.commons.errors.Causes;
import dev.reactivetracing.commons.problem.ProblemException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * 503: the service cannot reach its database (stopped, restarting, failing over, network). Requests fail at once rather
 * than wait, readiness reports DOWN meanwhile (the reactive client's health check), and the client may retry.
 */
public class DatabaseUnavailableException extends ProblemException {

    public static final String TYPE = "database-unavailable";
    public static final String REASON = "database_unavailable";

    /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    public DatabaseUnavailableException(Throwable cause) {
        super(503, TYPE, "Database unavailable", "The service cannot reach its database at the moment; retry shortly.",
                REASON, List.of(), Map.of(), cause);
    }

    /**
     * Whether {@code failure} (or a cause) says the database could not be reached or went away: a refused or broken
     * connection, or a SQLSTATE of class 08 (connection exception) or 57P01-57P03.
     * <p>
     * A broken connection can surface as the socket's own exception: when PostgreSQL stops in the middle of a query,
     * the reactive client fails it with Netty's {@code SocketException: Connection reset}, unwrapped (the database
     * outage guarantee test caught it answering 500). Calls to other services are classified by their clients before
     * they get here, so a socket failure that reaches this check is the database's.
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable cause : Causes.chain(failure)) {
            if (cause instanceof SocketException || cause instanceof ClosedConnectionException) {
                return true;
            }
            if (cause instanceof PgException pgFailure && pgFailure.getSqlState() != null
                    && (pgFailure.getSqlState().startsWith("08")
                            || SERVER_GOING_AWAY.contains(pgFailure.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
