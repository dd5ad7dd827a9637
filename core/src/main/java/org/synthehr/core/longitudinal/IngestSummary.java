package org.synthehr.core.longitudinal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What reading a cohort found, for the console and the run record.
 *
 * @param patients patients in the cohort
 * @param patientsWithData patients with at least one measurement in the window
 * @param rowsRead event (or visit) rows read
 * @param measurementsUsed measurements placed on the grid
 * @param outsideWindow measurements before the start or after the end of the window (not used)
 * @param missingValues event rows whose value was a missing token (not used)
 * @param ignoredVariables rows of variables not in the variables file, by variable
 * @param outcomesMatched patients with a row in the outcomes file (-1 when there is none)
 * @param observedCells grid cells with a value
 * @param endedEarly records that end before the window does (death or discharge)
 */
public record IngestSummary(int patients, int patientsWithData, long rowsRead,
    long measurementsUsed, long outsideWindow, long missingValues,
    Map<String, Long> ignoredVariables, int outcomesMatched, long observedCells, int endedEarly) {

  public IngestSummary {
    ignoredVariables = Map.copyOf(ignoredVariables);
  }

  /** A few lines for people. */
  public String describe(CohortSchema schema) {
    long cells = (long) patients * schema.steps() * schema.variableCount();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%,d patients (%,d with measurements), %d static"
        + " attributes%s, %d variables on %d steps of %d min", patients, patientsWithData,
        schema.statics().columns().size(), schema.label() == null ? "" : " incl. label '"
            + schema.label() + "'", schema.variableCount(), schema.steps(),
        schema.grid().stepMinutes()));
    sb.append(String.format(Locale.ROOT, "%n%,d rows read, %,d measurements on the grid, %,d outside"
        + " the window, %,d missing; %.1f%% of grid cells observed; %,d records end early",
        rowsRead, measurementsUsed, outsideWindow, missingValues,
        cells == 0 ? 0.0 : 100.0 * observedCells / cells, endedEarly));
    if (outcomesMatched >= 0) {
      sb.append(String.format(Locale.ROOT, "; outcomes for %,d patients", outcomesMatched));
    }
    if (!ignoredVariables.isEmpty()) {
      sb.append("\nignored (not in the variables file): ").append(new TreeMap<>(ignoredVariables)
          .entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " rows)")
          .collect(Collectors.joining(", ")));
    }
    return sb.toString();
  }
}
