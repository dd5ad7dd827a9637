package org.synthehr.core.schema;

import java.util.List;
import java.util.Locale;

/**
 * A schema together with the reason for every column's kind.
 *
 * @param schema the resolved schema (declared columns as declared, others inferred)
 * @param decisions one decision per column, in order
 */
public record InferredSchema(TableSchema schema, List<ColumnDecision> decisions) {

  public InferredSchema {
    decisions = List.copyOf(decisions);
  }

  /** A fixed-width table explaining each column's kind, for printing. */
  public String summary(String source) {
    long rows = decisions.isEmpty() ? 0 : decisions.get(0).rows();
    int width = Math.max(6, decisions.stream().mapToInt(d -> d.column().length()).max().orElse(6));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Schema of %s (%,d rows, %d columns)%n", source, rows,
        decisions.size()));
    String fmt = "  %-" + width + "s  %-11s  %-9s  %7s  %8s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "column", "kind", "storage", "missing", "distinct",
        "why"));
    for (ColumnDecision d : decisions) {
      String missing = d.rows() == 0 ? "-"
          : String.format(Locale.ROOT, "%.1f%%", 100.0 * d.missing() / d.rows());
      String distinct = d.distinct() > ColumnProfile.DISTINCT_CAP ? ">" + ColumnProfile.DISTINCT_CAP
          : Long.toString(d.distinct());
      String marker = roleOf(d.column());
      sb.append(String.format(Locale.ROOT, fmt, d.column(), d.kind().id(), d.storage().id(), missing,
          distinct, d.reason() + marker));
    }
    sb.append("  Identifier and text columns are never modelled or emitted. To change a choice, list")
        .append(" the column in a schema file (input.schema).");
    return sb.toString();
  }

  private String roleOf(String column) {
    if (column.equals(schema.label())) {
      return " [label]";
    }
    if (column.equals(schema.entityKey())) {
      return " [entity key: train/holdout split by it]";
    }
    if (column.equals(schema.timeIndex())) {
      return " [time index]";
    }
    return "";
  }
}
