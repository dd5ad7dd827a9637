package org.synthehr.generator.deep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.table.Table;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.SampleConditions;

/**
 * Conditional sampling by rejection with a bounded budget: draw candidate rows (already steered
 * towards the condition where the model can), keep those that satisfy every condition, and stop
 * when there are enough or the budget is spent. Batch sizes follow the observed acceptance rate, so
 * common conditions cost one or two batches and rare ones are not drawn row by row.
 */
public final class RejectionSampling {
  /** Candidates drawn at most per batch (memory bound). */
  static final int MAX_BATCH = 100_000;

  private RejectionSampling() {}

  /** Draws candidate rows (decoded, in the model's schema). */
  @FunctionalInterface
  public interface Candidates {
    Table draw(int rows, SplittableRandom random);
  }

  /**
   * Exactly {@code rows} rows satisfying the conditions.
   *
   * @param candidatesPerRow budget: at most this many candidates per requested row (with a floor of
   *     100,000 candidates)
   * @throws InvalidInputException when the budget is spent first; the message says how many rows
   *     could be made and the acceptance rate seen
   */
  public static Table sample(int rows, SampleConditions conditions, ModeSpecificCodec codec,
      Candidates candidates, SplittableRandom random, int candidatesPerRow) {
    if (conditions.isEmpty() || rows == 0) {
      return candidates.draw(rows, random);
    }
    long budget = Math.max(100_000L, (long) rows * candidatesPerRow);
    List<Table> kept = new ArrayList<>();
    int accepted = 0;
    long drawn = 0;
    while (accepted < rows && drawn < budget) {
      int need = rows - accepted;
      double rate = drawn == 0 ? 1.0 : Math.max(accepted, 0.5) / drawn;
      long want = (long) Math.ceil(need / rate * 1.1) + 16;
      int batch = (int) Math.min(Math.min(want, MAX_BATCH), budget - drawn);
      Table t = candidates.draw(batch, random.split());
      drawn += batch;
      int[] keep = new int[Math.min(need, t.rowCount())];
      int k = 0;
      for (int r = 0; r < t.rowCount() && k < keep.length; r++) {
        if (conditions.accepts(t, r, codec)) {
          keep[k++] = r;
        }
      }
      if (k > 0) {
        kept.add(t.take(java.util.Arrays.copyOf(keep, k)));
        accepted += k;
      }
    }
    if (accepted < rows) {
      throw new InvalidInputException(Problem.ofColumn("condition",
          String.join(", ", conditions.columns()), String.format(Locale.ROOT,
              "only %,d of the %,d rows asked for satisfy %s: %,d candidate rows were drawn and"
                  + " %.4f%% of them matched", accepted, rows, conditions.describe(), drawn,
              100.0 * accepted / drawn),
          "relax the condition (a wider range, more categories), ask for fewer rows, or train"
              + " the model longer; conditions the training data rarely meets are rarely generated"));
    }
    return kept.size() == 1 ? kept.get(0) : Table.concat(kept);
  }
}
