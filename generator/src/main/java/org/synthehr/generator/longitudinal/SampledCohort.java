package org.synthehr.generator.longitudinal;

import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.PlausibilityReport;

/**
 * A synthetic cohort and how often the raw model output broke the plausibility rules before they
 * were applied.
 *
 * @param cohort the synthetic patients (rules applied)
 * @param rawViolations violations of the raw output
 */
public record SampledCohort(Cohort cohort, PlausibilityReport rawViolations) {}
