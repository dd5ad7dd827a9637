package org.synthehr.core.schema;

/**
 * Why a column got its kind: the line of the schema summary printed to the user.
 *
 * @param column column name
 * @param kind the kind chosen
 * @param storage the storage chosen
 * @param declared true when the schema file declared the column
 * @param rows rows profiled
 * @param missing missing cells
 * @param distinct distinct values (capped)
 * @param reason the rule that decided, in plain words
 */
public record ColumnDecision(
    String column, ColumnKind kind, StorageType storage, boolean declared, long rows, long missing,
    long distinct, String reason) {}
