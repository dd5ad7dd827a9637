package org.synthehr.privacy.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.NearestNeighbours;
import org.synthehr.generator.compute.Neighbours;
import org.synthehr.privacy.encode.DistanceSpace;
import org.synthehr.privacy.stats.SuccessRate;

/**
 * Attribute inference in the manner of Anonymeter (Giomi et al., "A Unified Framework for
 * Quantifying Privacy Risk in Synthetic Data", PoPETs 2023): the attacker knows some columns of a
 * patient (quasi-identifiers such as age, sex, admission type) and guesses a sensitive column from
 * the synthetic row nearest on those columns. A guess is right when it equals the secret (numeric
 * secrets: within a relative tolerance). The same attack on control patients the generator never
 * saw measures what the data teaches about the population; only the excess is risk.
 */
public final class AttributeInferenceAttack {
  private final List<String> known;
  private final String secret;
  private final double tolerance;

  /**
   * @param known the columns the attacker knows
   * @param secret the column the attacker guesses
   * @param tolerance relative tolerance of a right numeric guess (Anonymeter uses 0.05)
   */
  public AttributeInferenceAttack(List<String> known, String secret, double tolerance) {
    if (known.isEmpty()) {
      throw new IllegalArgumentException("attribute inference needs at least one known column");
    }
    if (known.contains(secret)) {
      throw new IllegalArgumentException("the secret column '" + secret + "' cannot be known");
    }
    this.known = List.copyOf(known);
    this.secret = Objects.requireNonNull(secret);
    this.tolerance = tolerance;
  }

  /** Metric id for a secret column. */
  public static String id(String secret) {
    return "privacy.attribute_inference." + secret + ".risk";
  }

  /**
   * Attacks the targets (training records) and the controls (records not used in training).
   *
   * @param synthetic the released rows
   */
  public InferenceRisk run(Table synthetic, Table targets, Table controls, long seed) {
    Table synKnown = synthetic.select(known);
    DistanceSpace space = DistanceSpace.fit(synKnown);
    var synRows = space.encode(synKnown);
    Column synSecret = synthetic.column(secret);
    long attack = successes(space, synRows, synSecret, targets);
    long control = successes(space, synRows, synSecret, controls);
    SplittableRandom rnd = new SplittableRandom(seed);
    long base = 0;
    Column tSecret = targets.column(secret);
    for (int i = 0; i < targets.rowCount(); i++) {
      base += right(synSecret, rnd.nextInt(synthetic.rowCount()), tSecret, i) ? 1 : 0;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("secret", secret);
    details.put("known_columns", known);
    details.put("control_records", controls.rowCount());
    return InferenceRisk.of(id(secret), "Attribute-inference risk for '" + secret + "': how much"
        + " better than on unseen patients an attacker knowing " + String.join(", ", known)
        + " guesses it from the nearest synthetic row (0 = no risk, 1 = always right)",
        SuccessRate.of(attack, targets.rowCount()), SuccessRate.of(control, controls.rowCount()),
        SuccessRate.of(base, targets.rowCount()), details);
  }

  private long successes(DistanceSpace space, org.synthehr.generator.compute.MixedRows synRows,
      Column synSecret, Table records) {
    var rows = space.encode(records.select(known));
    Neighbours nb = NearestNeighbours.search(rows, synRows, 1);
    Column truth = records.column(secret);
    long hits = 0;
    for (int i = 0; i < records.rowCount(); i++) {
      hits += right(synSecret, nb.index(i, 0), truth, i) ? 1 : 0;
    }
    return hits;
  }

  /** Whether synthetic row {@code g}'s secret is a right guess for record {@code i}. */
  private boolean right(Column guesses, int g, Column truth, int i) {
    if (guesses instanceof CategoricalColumn gc && truth instanceof CategoricalColumn tc) {
      return Objects.equals(gc.value(g), tc.value(i));
    }
    double guess = ((NumericColumn) guesses).get(g);
    double value = ((NumericColumn) truth).get(i);
    if (Double.isNaN(value) || Double.isNaN(guess)) {
      return Double.isNaN(value) && Double.isNaN(guess);
    }
    return Math.abs(guess - value) <= tolerance * Math.abs(value);
  }

  /** Default known columns: every modelled column but the secret (the strongest attacker). */
  public static List<String> allBut(Table table, String secret) {
    List<String> out = new ArrayList<>(table.schema().modelled().names());
    out.remove(secret);
    return out;
  }
}
