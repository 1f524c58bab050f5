package dev.reactivetracing.commons.sql;

/**
 * A parameterized statement ({@code $1, $2 ...}; values are never part of the text) and the two facts its span is
 * named after: the operation and what it works on, a table ({@code db.collection.name}) or, for a call of a
 * database function, the function ({@code db.stored_procedure.name}).
 */
public record SqlStatement(String operation, String target, boolean storedProcedure, String text) {

    /** A statement on a table (or the first table it names). */
    public SqlStatement(String operation, String collection, String text) {
        this(operation, collection, false, text);
    }

    /** {@code SELECT * FROM function(...)}: the work happens in a database function, in one round trip. */
    public static SqlStatement functionCall(String function, String text) {
        return new SqlStatement("SELECT", function, true, text);
    }

    /** The semantic-convention span name: {@code {db.operation.name} {target}}. */
    public String summary() {
        return operation + " " + target;
    }
}
