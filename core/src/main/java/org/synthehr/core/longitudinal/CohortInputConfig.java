package org.synthehr.core.longitudinal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.io.CsvOptions;
import org.synthehr.core.io.InputConfig;

/**
 * The {@code input:} section of a longitudinal config: where the cohort is and how it is laid out.
 *
 * <p>{@code long} layout (PhysioNet 2012 and most EHR extracts): a static file (one row per patient),
 * an event file with one row per measurement ({@code id, time, variable, value}), and optionally an
 * outcomes file joined on the patient id. {@code visits} layout: one row per visit with the patient
 * id, the visit time (a number in {@code time_unit}, or an ISO date relative to the patient's first
 * visit) and one column per variable; static attributes come from {@code static_columns} of the
 * visit rows and/or a static file.
 *
 * @param layout {@code long} or {@code visits}
 * @param staticPath static attributes CSV/Parquet (required for {@code long}, optional for visits)
 * @param staticSchema optional schema file for the static file (kinds of its columns)
 * @param eventsPath the long event file ({@code long} layout)
 * @param visitsPath the visit table ({@code visits} layout)
 * @param idColumn the patient id column in every file
 * @param timeColumn time of an event or visit
 * @param timeUnit unit of a numeric time column: minutes, hours or days
 * @param variableColumn the variable name column of the event file
 * @param valueColumn the value column of the event file
 * @param staticColumns columns of the visit table that are static attributes
 * @param outcomesPath optional outcomes file joined on {@code outcomesIdColumn}
 * @param outcomesIdColumn patient id column of the outcomes file (default: id_column)
 * @param label the outcome to keep as the cohort's label (a column of the outcomes or static file)
 * @param keepOutcomes further outcome columns to keep as static attributes. Only list columns known
 *     at the end of the window: length of stay, survival and severity scores leak the label
 * @param missingValues tokens meaning "missing" in every file (PhysioNet uses -1)
 * @param variables optional variables file (names, units, aggregation); default every variable seen
 * @param delimiter the CSV field delimiter of every file, one character (null: detected per file
 *     from its header line; {@code .tsv} means tab)
 * @param encoding the CSV files' character encoding, a Java charset name (null: UTF-8)
 */
public record CohortInputConfig(
    Layout layout, String staticPath, String staticSchema, String eventsPath, String visitsPath,
    String idColumn, String timeColumn, TimeUnit timeUnit, String variableColumn,
    String valueColumn, List<String> staticColumns, String outcomesPath, String outcomesIdColumn,
    String label, List<String> keepOutcomes, List<String> missingValues, String variables,
    String delimiter, String encoding) {

  public CohortInputConfig {
    layout = layout == null ? Layout.LONG : layout;
    timeUnit = timeUnit == null ? TimeUnit.MINUTES : timeUnit;
    staticColumns = staticColumns == null ? List.of() : List.copyOf(staticColumns);
    keepOutcomes = keepOutcomes == null ? List.of() : List.copyOf(keepOutcomes);
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
    if (idColumn == null || idColumn.isBlank()) {
      throw new InvalidConfigException("input.id_column is required (the patient id column).");
    }
    if (layout == Layout.LONG) {
      require(staticPath, "input.static_path", "the static file, one row per patient");
      require(eventsPath, "input.events_path", "the event file: id, time, variable, value");
    } else {
      require(visitsPath, "input.visits_path", "the visit table, one row per visit");
    }
    require(timeColumn, "input.time_column", "the time of each event or visit");
    if (layout == Layout.LONG) {
      require(variableColumn, "input.variable_column", "the column naming the variable");
      require(valueColumn, "input.value_column", "the column holding the value");
    }
    if (outcomesPath != null && label == null) {
      throw new InvalidConfigException("input.outcomes_path is set but input.label is not. Fix: name"
          + " the outcome column to predict (e.g. label: In-hospital_death).");
    }
    // Checked when the config is loaded, so a bad value fails before any work, naming the key.
    CsvOptions.fromConfig(delimiter, encoding, "input");
  }

  /** An input whose CSV files are UTF-8 with their delimiters detected. */
  public CohortInputConfig(Layout layout, String staticPath, String staticSchema,
      String eventsPath, String visitsPath, String idColumn, String timeColumn, TimeUnit timeUnit,
      String variableColumn, String valueColumn, List<String> staticColumns, String outcomesPath,
      String outcomesIdColumn, String label, List<String> keepOutcomes, List<String> missingValues,
      String variables) {
    this(layout, staticPath, staticSchema, eventsPath, visitsPath, idColumn, timeColumn, timeUnit,
        variableColumn, valueColumn, staticColumns, outcomesPath, outcomesIdColumn, label,
        keepOutcomes, missingValues, variables, null, null);
  }

  /** How to read the cohort's CSV files. */
  public CsvOptions csv() {
    return CsvOptions.fromConfig(delimiter, encoding, "input");
  }

  /** One of the cohort's tables as a tabular input, read with the cohort's CSV settings. */
  InputConfig table(String path, String schema, String tableLabel) {
    return new InputConfig(path, schema, missingValues, List.of(), tableLabel, null, delimiter,
        encoding);
  }

  private static void require(String value, String key, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigException(key + " is required for this layout (" + what + ").");
    }
  }

  /** The patient id column of the outcomes file. */
  public String outcomesId() {
    return outcomesIdColumn == null ? idColumn : outcomesIdColumn;
  }

  /** How the input is laid out. */
  public enum Layout {
    /** Static file + long event file (+ outcomes). */
    LONG,
    /** One row per visit with a column per variable. */
    VISITS;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Layout parse(String text) {
      for (Layout l : values()) {
        if (l.id().equalsIgnoreCase(text.trim())) {
          return l;
        }
      }
      throw new InvalidConfigException("input.layout '" + text + "' is not a layout. Valid: long,"
          + " visits.");
    }
  }

  /** Unit of a numeric time column. */
  public enum TimeUnit {
    MINUTES(1),
    HOURS(60),
    DAYS(1440);

    private final double minutes;

    TimeUnit(double minutes) {
      this.minutes = minutes;
    }

    /** Minutes per unit. */
    public double minutes() {
      return minutes;
    }

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TimeUnit parse(String text) {
      for (TimeUnit u : values()) {
        if (u.id().equalsIgnoreCase(text.trim())) {
          return u;
        }
      }
      throw new InvalidConfigException("input.time_unit '" + text + "' is not a unit. Valid:"
          + " minutes, hours, days.");
    }
  }
}
