package org.synthehr.evaluator.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.table.Values;

/**
 * Reads a cell of any storage type (text from CSV, typed values from Parquet or Spark rows) into an
 * {@link EncodedRow} with the same rules as the core readers ({@link Values}): missing tokens, number
 * and date-time parsing, epoch seconds for dates. Data written by other tools is accepted as long as
 * its cells mean the same; unreadable numbers are counted (and reported) rather than guessed.
 */
public final class CellReader {
  private final StatisticsPlan plan;

  public CellReader(StatisticsPlan plan) {
    this.plan = plan;
  }

  /** Reads one cell of column col into the row. */
  public void read(int col, Object cell, EncodedRow row) {
    ColumnPlan c = plan.column(col);
    if (cell == null) {
      if (c instanceof NumericPlan) {
        row.setValue(col, Double.NaN);
      } else {
        row.setCode(col, CategoricalPlan.MISSING, null);
      }
      return;
    }
    if (c instanceof NumericPlan np) {
      readNumber(col, np.kind(), cell, row);
    } else {
      CategoricalPlan cp = (CategoricalPlan) c;
      if (cell instanceof Boolean b) {
        row.setCode(col, cp.codeOfBoolean(b), b.toString());
        return;
      }
      String text = text(cell);
      if (plan.isMissingToken(col, text)) {
        row.setCode(col, CategoricalPlan.MISSING, null);
      } else if (cp.kind() == ColumnKind.BOOLEAN) {
        // Decoded by meaning, as the core reader does: 1, true, Yes and Y are one value.
        String t = text.trim();
        Boolean meaning = Values.booleanToken(t);
        row.setCode(col, meaning == null ? CategoricalPlan.INVENTED : cp.codeOfBoolean(meaning), t);
      } else {
        String t = Values.canonicalCode(text);
        row.setCode(col, cp.code(t), t);
      }
    }
  }

  private void readNumber(int col, ColumnKind kind, Object cell, EncodedRow row) {
    if (cell instanceof Number n) {
      double v = n.doubleValue();
      row.setValue(col, Double.isNaN(v) || Double.isInfinite(v) ? Double.NaN : v);
    } else if (cell instanceof Boolean b) {
      row.setValue(col, b ? 1 : 0);
    } else if (cell instanceof LocalDate d) {
      row.setValue(col, d.toEpochDay() * 86_400.0);
    } else if (cell instanceof java.sql.Date d) {
      row.setValue(col, d.toLocalDate().toEpochDay() * 86_400.0);
    } else if (cell instanceof java.sql.Timestamp ts) {
      row.setValue(col, seconds(ts.toInstant()));
    } else if (cell instanceof Instant i) {
      row.setValue(col, seconds(i));
    } else if (cell instanceof LocalDateTime ldt) {
      row.setValue(col, seconds(ldt.toInstant(ZoneOffset.UTC)));
    } else {
      String text = cell.toString();
      if (plan.isMissingToken(col, text)) {
        row.setValue(col, Double.NaN);
        return;
      }
      try {
        row.setValue(col, kind == ColumnKind.DATETIME ? parseDateOrNumber(text)
            : Values.parseNumber(text, plan.unit(col)));
      } catch (NumberFormatException | DateTimeParseException e) {
        row.setInvalid(col, text.trim());
      }
    }
  }

  private static double parseDateOrNumber(String text) {
    try {
      return Values.parseDateTime(text);
    } catch (DateTimeParseException e) {
      return Values.parseNumber(text);
    }
  }

  private static double seconds(Instant i) {
    return i.getEpochSecond() + i.getNano() / 1e9;
  }

  /** The text of a category cell as the CSV readers would see it (whole numbers without ".0"). */
  static String text(Object cell) {
    if (cell instanceof Double || cell instanceof Float) {
      double v = ((Number) cell).doubleValue();
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        return Long.toString((long) v);
      }
    }
    return cell.toString();
  }
}
