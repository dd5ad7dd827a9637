package org.synthehr.evaluator.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnKind;

/**
 * Checks, before any figure is computed, that the real and the synthetic data agree on every
 * column's kind and value domain. A disagreement is almost always a spelling (booleans written
 * {@code true/false} on one side and {@code 0/1} on the other, codes as {@code 2.0}, another
 * missing-value token, another unit) and would otherwise come out as a confident, wrong figure
 * (a detection AUC of 1.0, a TSTR AUC of 0.5). So it is an error naming the column and both
 * spellings, never a number.
 */
public final class SideAgreement {
  /**
   * Share of a categorical column's synthetic values that may lie outside the real categories. Our
   * generators never invent categories; another tool trained on more of the data may carry a few
   * rare ones, but a larger share means the two sides spell the column differently.
   */
  public static final double MAX_INVENTED_SHARE = 0.05;

  private SideAgreement() {}

  /**
   * Throws an {@link InvalidInputException} listing every column whose synthetic values disagree
   * with the real ones.
   *
   * @param source where the synthetic data came from, for the messages
   */
  public static void require(StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic, String source) {
    require(plan, real, synthetic, source, Set.of());
  }

  /**
   * As {@link #require(StatisticsPlan, TableStatistics, TableStatistics, String)}, with values the
   * toolkit itself writes into categorical columns (the rare-category control's merge label, such
   * as {@code (other)}) counted as known: they are a deliberate change, scored by the fidelity
   * figures, not a spelling.
   */
  public static void require(StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic, String source, Set<String> ownLabels) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < plan.columns().size(); i++) {
      ColumnPlan column = plan.column(i);
      if (column instanceof CategoricalPlan cp) {
        categorical(cp, (CategoricalStatistics) real.column(i),
            (CategoricalStatistics) synthetic.column(i), source, ownLabels, problems);
      } else {
        numeric(column, (NumericStatistics) real.column(i), (NumericStatistics) synthetic.column(i),
            source, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private static void categorical(CategoricalPlan plan, CategoricalStatistics real,
      CategoricalStatistics syn, String source, Set<String> ownLabels, List<Problem> problems) {
    Map<String, Long> unknown = new HashMap<>(syn.inventedValues());
    long invented = syn.invented();
    for (String label : ownLabels) {
      Long n = unknown.remove(label);
      invented -= n == null ? 0 : n;
    }
    if (syn.observed() == 0 || invented <= 0) {
      allMissing(plan.name(), real.observed(), real.rows(), syn.observed(), syn.rows(), source,
          problems);
      return;
    }
    double share = (double) invented / syn.observed();
    boolean bool = plan.kind() == ColumnKind.BOOLEAN;
    if (!bool && share <= MAX_INVENTED_SHARE) {
      return;
    }
    String theirs = examples(unknown);
    String ours = realExamples(plan, real);
    problems.add(Problem.ofColumn(source, plan.name(), String.format(Locale.ROOT,
        "%s%.1f%% of the synthetic values (%s) are never in the real data, which has %s",
        bool ? "a boolean column: " : "", 100 * share, theirs, ours),
        bool ? "write the column as yes/no values (1/0, true/false, yes/no, y/n, t/f), or mark the"
            + " other tokens as missing (input.missing_values)"
            : "spell the synthetic column as the real data does (same case, codes as written, the"
                + " same missing-value token), or check that both files hold the same table"));
  }

  private static void numeric(ColumnPlan plan, NumericStatistics real, NumericStatistics syn,
      String source, List<Problem> problems) {
    if (syn.invalid() > 0) {
      problems.add(Problem.ofColumn(source, plan.name(), String.format(Locale.ROOT,
          "%,d synthetic values are not %s (e.g. '%s'); the real column holds values such as %s",
          syn.invalid(), plan.kind() == ColumnKind.DATETIME ? "dates" : "numbers",
          syn.invalidExample(), range(real)),
          "write the column as plain numbers (no units or thousands separators) or ISO dates, and"
              + " list any missing-value token in input.missing_values"));
      return;
    }
    // Far apart, not merely apart: a weak generator may miss a narrow real range, but a unit or
    // scale mismatch (grams against kilograms) puts every value beyond the real magnitude.
    double reach = Math.max(real.max() - real.min(), Math.max(Math.abs(real.max()),
        Math.abs(real.min())));
    if (syn.observed() > 0 && real.observed() > 0 && reach > 0
        && (syn.min() > real.max() + reach || syn.max() < real.min() - reach)) {
      problems.add(Problem.ofColumn(source, plan.name(), String.format(Locale.ROOT,
          "the synthetic values (%s) lie far outside the real ones (%s)", range(syn), range(real)),
          "check the units and scale of the synthetic column: both sides must use the same"));
      return;
    }
    allMissing(plan.name(), real.observed(), real.rows(), syn.observed(), syn.rows(), source,
        problems);
  }

  /** A column the real data mostly fills but the synthetic data never does was misread. */
  private static void allMissing(String name, long realObserved, long realRows,
      long synObserved, long synRows, String source, List<Problem> problems) {
    if (synRows >= 20 && synObserved == 0 && realRows > 0 && realObserved * 2 > realRows) {
      problems.add(Problem.ofColumn(source, name, String.format(Locale.ROOT,
          "every synthetic value is missing, while %.0f%% of the real values are present",
          100.0 * realObserved / realRows),
          "check the synthetic column's missing-value token and spelling (input.missing_values)"));
    }
  }

  private static String range(NumericStatistics s) {
    return s.observed() == 0 ? "none" : String.format(Locale.ROOT, "%s to %s",
        number(s.min()), number(s.max()));
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String examples(Map<String, Long> counts) {
    return quoted(counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(3).map(Map.Entry::getKey).toList());
  }

  private static String realExamples(CategoricalPlan plan, CategoricalStatistics real) {
    List<Integer> codes = new ArrayList<>();
    for (int c = 0; c < plan.dictionary().size(); c++) {
      codes.add(c);
    }
    codes.sort(Comparator.comparingLong((Integer c) -> -real.count(c)).thenComparing(c -> c));
    return quoted(codes.stream().limit(3).map(c -> plan.dictionary().get(c)).toList());
  }

  private static String quoted(List<String> values) {
    return values.isEmpty() ? "no values" : "'" + String.join("', '", values) + "'";
  }
}
