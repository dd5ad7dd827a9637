package org.synthehr.core.longitudinal;

import java.util.Locale;

/**
 * How often a cohort broke the {@link PlausibilityRules}.
 *
 * @param patients patients checked
 * @param values observed values checked
 * @param outOfBounds values outside their variable's plausible range
 * @param tooFrequent (patient, variable) pairs charted more often than any real patient
 * @param afterEnd values charted after the record ended (death or discharge)
 */
public record PlausibilityReport(long patients, long values, long outOfBounds, long tooFrequent,
    long afterEnd) {

  /** No patients, no violations. */
  public static PlausibilityReport empty() {
    return new PlausibilityReport(0, 0, 0, 0, 0);
  }

  /** The counts of two reports added (for cohorts sampled in blocks). */
  public PlausibilityReport plus(PlausibilityReport o) {
    return new PlausibilityReport(patients + o.patients, values + o.values,
        outOfBounds + o.outOfBounds, tooFrequent + o.tooFrequent, afterEnd + o.afterEnd);
  }

  /** One line for people. */
  public String describe() {
    return String.format(Locale.ROOT, "%,d values of %,d patients: %,d out of range, %,d after the"
        + " end of the record, %,d patient-variable pairs charted more often than any real patient",
        values, patients, outOfBounds, afterEnd, tooFrequent);
  }
}
