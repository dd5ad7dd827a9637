package org.synthehr.evaluator.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.table.Values;

/**
 * The categories of a discrete column as the real data has them. Synthetic values outside this
 * dictionary are "invented": counted apart (with their text, up to a cap) and pooled into one "other"
 * code in pair tables, which leaves total-variation distances unchanged because the real data has
 * no mass there. Pair tables keep at most {@value #MAX_PAIR_CATEGORIES} real categories (the most
 * frequent); the rest share the "other" code too.
 */
public final class CategoricalPlan implements ColumnPlan {
  private static final long serialVersionUID = 1L;
  /** Most real categories a pair table keeps apart. */
  public static final int MAX_PAIR_CATEGORIES = 1000;
  /** Code of a missing value. */
  public static final int MISSING = -1;
  /** Code of a value outside the real dictionary. */
  public static final int INVENTED = -2;

  private final String name;
  private final ColumnKind kind;
  private final List<String> dictionary;
  private final int[] pairCodes;
  private final int pairOther;
  private transient volatile Map<String, Integer> index;

  /**
   * @param dictionary the real categories in display order (ordinal order for ordinal columns)
   * @param realCounts real count of each category, used to choose the categories pairs keep
   */
  public CategoricalPlan(String name, ColumnKind kind, List<String> dictionary, long[] realCounts) {
    this.name = Objects.requireNonNull(name);
    this.kind = kind;
    this.dictionary = List.copyOf(dictionary);
    this.pairCodes = new int[dictionary.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < dictionary.size(); i++) {
      order.add(i);
    }
    if (dictionary.size() > MAX_PAIR_CATEGORIES) {
      order.sort(Comparator.comparingLong((Integer i) -> -realCounts[i]).thenComparing(i -> i));
    }
    int kept = Math.min(dictionary.size(), MAX_PAIR_CATEGORIES);
    java.util.Arrays.fill(pairCodes, kept);
    for (int r = 0; r < kept; r++) {
      pairCodes[order.get(r)] = r;
    }
    this.pairOther = kept;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnKind kind() {
    return kind;
  }

  /** The real categories, indexed by plan code. */
  public List<String> dictionary() {
    return dictionary;
  }

  /** The plan code of a category, {@link #INVENTED} when the real data never has it. */
  public int code(String value) {
    Map<String, Integer> m = index;
    if (m == null) {
      m = new HashMap<>();
      for (int i = 0; i < dictionary.size(); i++) {
        m.put(dictionary.get(i), i);
      }
      index = m;
    }
    Integer c = m.get(value);
    return c == null ? INVENTED : c;
  }

  /**
   * The plan code of a typed boolean: the category whose text means the same (true/yes/1 or
   * false/no/0), {@link #INVENTED} when the real data has none.
   */
  public int codeOfBoolean(boolean value) {
    for (int i = 0; i < dictionary.size(); i++) {
      if (Boolean.valueOf(value).equals(Values.booleanToken(dictionary.get(i)))) {
        return i;
      }
    }
    return INVENTED;
  }

  /** Pair levels: kept categories, "other" (rare real and invented), missing. */
  @Override
  public int pairLevels() {
    return pairOther + 2;
  }

  /** The pair code of a plan code (including {@link #MISSING} and {@link #INVENTED}). */
  public int pairCode(int code) {
    if (code == MISSING) {
      return pairOther + 1;
    }
    return code == INVENTED ? pairOther : pairCodes[code];
  }

  /** Whether a pair code stands for missing. */
  public boolean isMissingPairCode(int pairCode) {
    return pairCode == pairOther + 1;
  }

  @Override
  public CategoricalStatistics emptyStatistics() {
    return new CategoricalStatistics(dictionary.size());
  }
}
