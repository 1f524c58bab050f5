package dev.reactivetracing.commons.sql;

import io.vertx.pgclient.PgException;

/** The PostgreSQL SQLSTATEs the services act on. */
public final class SqlStates {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
    }

    /** Whether {@code failure} is a PostgreSQL error with this SQLSTATE (and, if given, on this constraint). */
    public static boolean is(Throwable failure, String sqlState, String constraint) {
        return failure instanceof PgException pgFailure && sqlState.equals(pgFailure.getSqlState())
                && (constraint == null || constraint.equals(pgFailure.getConstraint()));
    }
}
