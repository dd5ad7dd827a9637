package org.synthehr.evaluator.fidelity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.evaluator.stats.CategoricalPlan;
import org.synthehr.evaluator.stats.CategoricalStatistics;
import org.synthehr.evaluator.stats.NumericPlan;
import org.synthehr.evaluator.stats.NumericStatistics;

/**
 * The bars of a column's marginal histogram for the report, from cell statistics: shares of observed
 * values per bar for the real, synthetic and (when present) holdout tables. Numeric columns with few
 * distinct real values get a bar per value; others {@value #NUMERIC_BINS} equal-width bins of the real
 * range (values outside it in "below"/"above" bars). Discrete columns get their most frequent real
 * categories (ordinal ones in their order), "other" and "invented".
 */
public final class MarginalHistogram {
  /** Most distinct values shown one bar each. */
  public static final int MAX_VALUE_BARS = 40;
  /** Bins of a numeric column with more distinct values. */
  public static final int NUMERIC_BINS = 30;
  /** Most categories shown one bar each. */
  public static final int MAX_CATEGORY_BARS = 24;

  private MarginalHistogram() {}

  /** The histogram of a numeric column; {@code holdout} may be null. */
  public static Map<String, Object> numeric(NumericPlan plan, NumericStatistics real,
      NumericStatistics synthetic, NumericStatistics holdout) {
    int k = plan.cutCount();
    List<String> labels = new ArrayList<>();
    int[] barOfCell = new int[plan.cellCount()];
    Arrays.fill(barOfCell, -1);
    NumericStatistics[] all = holdout == null ? new NumericStatistics[] {real, synthetic}
        : new NumericStatistics[] {real, synthetic, holdout};
    double[][] bars;
    if (k <= MAX_VALUE_BARS) {
      for (int c = 0; c < plan.cellCount(); c++) {
        boolean point = c % 2 == 1;
        if (point || hasMass(all, c)) {
          barOfCell[c] = labels.size();
          labels.add(cellLabel(plan, c));
        }
      }
      bars = new double[all.length][labels.size()];
      for (int s = 0; s < all.length; s++) {
        for (int c = 0; c < plan.cellCount(); c++) {
          if (barOfCell[c] >= 0 && all[s].observed() > 0) {
            bars[s][barOfCell[c]] += (double) all[s].count(c) / all[s].observed();
          }
        }
      }
    } else {
      double lo = plan.cut(0);
      double hi = plan.cut(k - 1);
      boolean whole = plan.kind() == ColumnKind.INTEGER;
      // Whole-number columns get bins of a whole number of values, labelled "a–b".
      double width = whole ? Math.max(1, Math.ceil((hi - lo + 1) / NUMERIC_BINS))
          : (hi - lo) / NUMERIC_BINS;
      int bins = whole ? (int) Math.ceil((hi - lo + 1) / width) : NUMERIC_BINS;
      boolean below = hasMass(all, 0);
      boolean above = hasMass(all, plan.cellCount() - 1);
      if (below) {
        labels.add("< " + format(plan.kind(), lo));
      }
      int first = labels.size();
      for (int b = 0; b < bins; b++) {
        double from = lo + b * width;
        labels.add(whole ? (width == 1 ? format(plan.kind(), from) : format(plan.kind(), from)
            + "–" + format(plan.kind(), Math.min(hi, from + width - 1)))
            : format(plan.kind(), from) + " – " + format(plan.kind(), from + width));
      }
      if (above) {
        labels.add("> " + format(plan.kind(), hi));
      }
      bars = new double[all.length][labels.size()];
      for (int s = 0; s < all.length; s++) {
        NumericStatistics st = all[s];
        if (st.observed() == 0) {
          continue;
        }
        for (int c = 0; c < plan.cellCount(); c++) {
          long n = st.count(c);
          if (n == 0) {
            continue;
          }
          int bar;
          if (c == 0) {
            bar = 0;
          } else if (c == plan.cellCount() - 1) {
            bar = labels.size() - 1;
          } else {
            double at = c % 2 == 1 ? plan.cut(c / 2) : st.sum(c) / n;
            bar = first + (int) Math.max(0, Math.min(bins - 1, Math.floor((at - lo) / width)));
          }
          bars[s][bar] += (double) n / st.observed();
        }
      }
    }
    return histogram("numeric", labels, bars, holdout != null);
  }

  private static boolean hasMass(NumericStatistics[] all, int cell) {
    for (NumericStatistics s : all) {
      if (s.count(cell) > 0) {
        return true;
      }
    }
    return false;
  }

  private static String cellLabel(NumericPlan plan, int c) {
    int k = plan.cutCount();
    if (c % 2 == 1) {
      return format(plan.kind(), plan.cut(c / 2));
    }
    if (c == 0) {
      return "< " + format(plan.kind(), plan.cut(0));
    }
    if (c == 2 * k) {
      return "> " + format(plan.kind(), plan.cut(k - 1));
    }
    return "(" + format(plan.kind(), plan.cut(c / 2 - 1)) + ", " + format(plan.kind(),
        plan.cut(c / 2)) + ")";
  }

  /** A value as the report shows it: dates for date-times, whole numbers, or 3 significant digits. */
  public static String format(ColumnKind kind, double v) {
    if (kind == ColumnKind.DATETIME) {
      return Instant.ofEpochSecond(Math.round(v)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    return a >= 1000 || a < 0.01 ? String.format(Locale.ROOT, "%.3g", v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** The histogram of a discrete column; {@code holdout} may be null. */
  public static Map<String, Object> categorical(CategoricalPlan plan, CategoricalStatistics real,
      CategoricalStatistics synthetic, CategoricalStatistics holdout) {
    List<String> dict = plan.dictionary();
    long[] rc = real.counts();
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < dict.size(); i++) {
      if (rc[i] > 0 || synthetic.count(i) > 0) {
        shown.add(i);
      }
    }
    boolean ordered = plan.kind() == ColumnKind.ORDINAL && shown.size() <= MAX_VALUE_BARS;
    if (!ordered && shown.size() > MAX_CATEGORY_BARS) {
      shown.sort(Comparator.comparingLong((Integer i) -> -rc[i]).thenComparing(i -> i));
      shown = new ArrayList<>(shown.subList(0, MAX_CATEGORY_BARS));
    }
    boolean[] isShown = new boolean[dict.size()];
    shown.forEach(i -> isShown[i] = true);
    List<String> labels = new ArrayList<>();
    shown.forEach(i -> labels.add(dict.get(i)));
    int rest = dict.size() - shown.size();
    CategoricalStatistics[] all = holdout == null ? new CategoricalStatistics[] {real, synthetic}
        : new CategoricalStatistics[] {real, synthetic, holdout};
    boolean anyRest = false;
    boolean anyInvented = false;
    for (CategoricalStatistics s : all) {
      anyInvented |= s.invented() > 0;
      for (int i = 0; i < dict.size(); i++) {
        anyRest |= !isShown[i] && s.count(i) > 0;
      }
    }
    if (anyRest) {
      labels.add("other (" + rest + " categories)");
    }
    if (anyInvented) {
      labels.add("not in real data");
    }
    double[][] bars = new double[all.length][labels.size()];
    for (int s = 0; s < all.length; s++) {
      double n = all[s].observed();
      if (n == 0) {
        continue;
      }
      for (int b = 0; b < shown.size(); b++) {
        bars[s][b] = all[s].count(shown.get(b)) / n;
      }
      int at = shown.size();
      if (anyRest) {
        double other = 0;
        for (int i = 0; i < dict.size(); i++) {
          if (!isShown[i]) {
            other += all[s].count(i);
          }
        }
        bars[s][at++] = other / n;
      }
      if (anyInvented) {
        bars[s][at] = all[s].invented() / n;
      }
    }
    return histogram("categorical", labels, bars, holdout != null);
  }

  private static Map<String, Object> histogram(String kind, List<String> labels, double[][] bars,
      boolean withHoldout) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", kind);
    out.put("labels", labels);
    out.put("real", round(bars[0]));
    out.put("synthetic", round(bars[1]));
    if (withHoldout) {
      out.put("holdout", round(bars[2]));
    }
    return out;
  }

  private static List<Double> round(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double x : v) {
      out.add(Math.round(x * 1e6) / 1e6);
    }
    return out;
  }
}
