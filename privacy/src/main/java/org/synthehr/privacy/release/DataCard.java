package org.synthehr.privacy.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code datacard.json}: what a synthetic release is and is not, how it was made, what it may and
 * may not be used for, how faithful, useful, fair and private it measured, the release policy's
 * verdict per check, its known limitations and its tables. Written once when the bundle is prepared
 * (it is in the manifest); {@code datacard.html} renders it together with the approvals. It holds
 * figures and names, never a real row.
 *
 * @param formatVersion the card format
 * @param title what the release is called
 * @param shape {@code tabular} or {@code longitudinal}
 * @param preparedAt when the bundle was prepared (ISO-8601, UTC)
 * @param source the real data it was learned from
 * @param generation how it was made
 * @param whatItIs plain statements of what the data is
 * @param whatItIsNot plain statements of what it is not
 * @param intendedUses uses the release is meant for
 * @param prohibitedUses uses it must not be put to
 * @param fidelity headline fidelity figures
 * @param utility headline utility figures
 * @param fairness headline fairness figures and flagged subgroups
 * @param privacy headline privacy figures
 * @param policy the release policy's verdict
 * @param limitations known limitations, most important first
 * @param tables the released tables and their columns
 * @param modelIncluded whether the trained model is part of the bundle
 * @param contact whom to ask about the release, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataCard(int formatVersion, String title, String shape, String preparedAt,
    Source source, Generation generation, List<String> whatItIs, List<String> whatItIsNot,
    List<String> intendedUses, List<String> prohibitedUses, List<Figure> fidelity,
    List<Figure> utility, List<Figure> fairness, List<Figure> privacy, PolicyVerdict policy,
    List<String> limitations, List<Table> tables, boolean modelIncluded, String contact) {
  /** The card's file name in a bundle. */
  public static final String FILE = "datacard.json";
  /** The current format. */
  public static final int FORMAT = 1;

  /**
   * The real data.
   *
   * @param dataset the input's name
   * @param fingerprints sha256 of every input file, by path as the run gave it
   * @param counts rows or patients by role (training, holdout, synthetic)
   */
  public record Source(String dataset, Map<String, String> fingerprints, Map<String, Long> counts) {}

  /**
   * How the data was made.
   *
   * @param modelKind the model
   * @param seed the run's seed
   * @param epochs training epochs, or null
   * @param batchSize batch size, or null
   * @param configSha256 sha256 of the resolved config (config.resolved.yaml is in the bundle)
   * @param toolVersion the toolkit's version
   * @param runCreatedAt when the run was made
   * @param guarantee the formal privacy guarantee in one sentence, or what stands in for one
   * @param dp the differential-privacy figures (epsilon, delta, accountant, unit), or null
   * @param notCovered what the DP guarantee does not cover (empty without DP)
   * @param disclosureControls what was changed before release to limit disclosure
   */
  public record Generation(String modelKind, long seed, Integer epochs, Integer batchSize,
      String configSha256, String toolVersion, String runCreatedAt, String guarantee,
      Map<String, Object> dp, List<String> notCovered, List<String> disclosureControls) {}

  /**
   * One headline figure.
   *
   * @param id the report metric id
   * @param name a short name
   * @param value the figure (null when it could not be computed)
   * @param low lower end of its 95% interval, or null
   * @param high upper end, or null
   * @param baseline what real data the model never saw scores (or guessing), or null
   * @param direction {@code higher_is_better}, {@code lower_is_better} or {@code closer_to_baseline}
   * @param reading the report's one-sentence description
   * @param threshold the policy threshold, or null
   * @param passed the policy verdict on it, or null when no policy check applies
   * @param unit {@code count} for a count, or null for a score, share or ratio
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Figure(String id, String name, Double value, Double low, Double high,
      Double baseline, String direction, String reading, Double threshold, Boolean passed,
      String unit) {}

  /**
   * The release policy's verdict.
   *
   * @param name the policy's name, or null without a policy
   * @param verdict {@code passed}, {@code failed} or {@code none}
   * @param checks every check
   * @param failures one line per failed check
   */
  public record PolicyVerdict(String name, String verdict, List<Check> checks,
      List<String> failures) {
    /** No policy was applied. */
    public static PolicyVerdict none() {
      return new PolicyVerdict(null, "none", List.of(), List.of());
    }

    /** Whether the policy failed. */
    public boolean failed() {
      return "failed".equals(verdict);
    }
  }

  /**
   * One policy check.
   *
   * @param key the policy key
   * @param metric the metric checked (or the pattern that matched nothing)
   * @param value its value, or null when it was not measured
   * @param bound {@code max} or {@code min}
   * @param threshold the bound's value
   * @param passed whether it held (null: skipped)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Check(String key, String metric, Double value, String bound, double threshold,
      Boolean passed) {}

  /**
   * A released table.
   *
   * @param name its directory in the bundle
   * @param rows its row count, or null where rows do not apply (a list of variables)
   * @param columns its columns
   */
  public record Table(String name, Long rows, List<Column> columns) {}

  /**
   * A column.
   *
   * @param name as in the Parquet
   * @param type the Parquet type
   * @param kind what the model treated it as (categorical, continuous, ...), or null
   * @param unit its unit, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Column(String name, String type, String kind, String unit) {}
}
