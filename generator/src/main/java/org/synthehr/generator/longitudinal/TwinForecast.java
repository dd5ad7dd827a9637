package org.synthehr.generator.longitudinal;

import java.util.List;
import org.synthehr.core.longitudinal.Cohort;

/**
 * Digital twins of a request's patients: {@code samples} cohorts, each holding every patient's
 * history (unchanged) followed by one sampled future; sampled static attributes carry the model's
 * outcome for that future (e.g. in-hospital death) and the sampled end of the record.
 *
 * @param cut first future step
 * @param horizon future steps of interest
 * @param samples one cohort per sample, patients in request order, ids as in the request
 */
public record TwinForecast(int cut, int horizon, List<Cohort> samples) {

  public TwinForecast {
    samples = List.copyOf(samples);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a forecast needs at least one sample");
    }
  }

  /** Number of patients. */
  public int patients() {
    return samples.get(0).size();
  }

  /** Sampled value of variable k at step t of patient p in sample s (NaN = not charted). */
  public float value(int s, int p, int t, int k) {
    return samples.get(s).value(p, t, k);
  }
}
