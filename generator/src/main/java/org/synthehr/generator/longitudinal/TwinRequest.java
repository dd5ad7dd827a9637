package org.synthehr.generator.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;

/**
 * What to forecast: the patients, the step at which their known history ends, how far to look
 * ahead and how many futures to draw per patient.
 *
 * @param patients the patients; only their static attributes (except the label) and the values
 *     charted before {@code cut} are used, so passing the full records is safe
 * @param cut first step of the future (the history is steps {@code [0, cut)})
 * @param horizon number of future steps of interest (the twin covers {@code [cut, cut+horizon)})
 * @param samples futures per patient
 * @param seed the same request and seed give the same futures
 */
public record TwinRequest(Cohort patients, int cut, int horizon, int samples, long seed) {

  public TwinRequest {
    Objects.requireNonNull(patients, "patients");
    if (cut < 1 || cut >= patients.steps()) {
      throw new IllegalArgumentException("cut must be in [1, " + (patients.steps() - 1)
          + "], got " + cut);
    }
    if (horizon < 1 || cut + horizon > patients.steps()) {
      throw new IllegalArgumentException("horizon must be in [1, " + (patients.steps() - cut)
          + "], got " + horizon);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + samples);
    }
  }

  /** The histories the model may see: everything from the cut on hidden. */
  public Cohort histories() {
    return patients.truncate(cut);
  }

  /** Fails with a clear message when the patients do not have the model's shape. */
  public void checkAgainst(CohortSchema model) {
    CohortSchema mine = patients.schema();
    List<Problem> problems = new ArrayList<>();
    if (mine.steps() != model.steps()
        || mine.grid().stepMinutes() != model.grid().stepMinutes()) {
      problems.add(Problem.ofInput("twin request", "the patients are on a grid of " + mine.steps()
          + " steps of " + mine.grid().stepMinutes() + " min, the model on " + model.steps()
          + " steps of " + model.grid().stepMinutes() + " min", "read them with the model's grid"
          + " settings"));
    }
    if (!mine.variableNames().equals(model.variableNames())) {
      problems.add(Problem.ofInput("twin request", "the patients have variables "
          + mine.variableNames() + ", the model " + model.variableNames(),
          "read them with the model's variables file"));
    }
    if (!mine.statics().names().equals(model.statics().names())) {
      problems.add(Problem.ofInput("twin request", "the patients have static attributes "
          + mine.statics().names() + ", the model " + model.statics().names(),
          "read them with the model's input settings"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
