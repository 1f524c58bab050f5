package dev.reactivetracing.commons.sql;

/**
 * A parameterized statement ({@code $1, $2 ...}; values are never part of the text) and the two facts its span is
 * named after: the operation and the table it works on.
 */
public record SqlStatement(String operation, String collection, String text) {

    /** The semantic-convention span name: {@code {db.operation.name} {db.collection.name}}. */
    public String summary() {
        return operation + " " + collection;
    }
}
