package org.synthehr.core.table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column of categories stored as codes into a dictionary. Code {@value #MISSING} marks a missing
 * row. The dictionary order is meaningful for ordinal columns.
 */
public final class CategoricalColumn implements Column {
  /** The code of a missing value. */
  public static final int MISSING = -1;

  private final String name;
  private final int[] codes;
  private final List<String> dictionary;
  private final int missingCount;

  /** Takes ownership of {@code codes}; every code must be -1 or a valid dictionary index. */
  public CategoricalColumn(String name, int[] codes, List<String> dictionary) {
    this.name = Objects.requireNonNull(name);
    this.codes = codes;
    this.dictionary = List.copyOf(dictionary);
    int m = 0;
    for (int c : codes) {
      if (c == MISSING) {
        m++;
      } else if (c < 0 || c >= this.dictionary.size()) {
        throw new IllegalArgumentException("code " + c + " outside dictionary of '" + name + "'");
      }
    }
    this.missingCount = m;
  }

  /** Builds a column from string values (null = missing) against a fixed dictionary. */
  public static CategoricalColumn of(String name, String[] values, List<String> dictionary) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < dictionary.size(); i++) {
      index.put(dictionary.get(i), i);
    }
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        codes[i] = MISSING;
      } else {
        Integer code = index.get(values[i]);
        if (code == null) {
          throw new IllegalArgumentException("'" + values[i] + "' not in dictionary of " + name);
        }
        codes[i] = code;
      }
    }
    return new CategoricalColumn(name, codes, dictionary);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return codes.length;
  }

  @Override
  public boolean isMissing(int row) {
    return codes[row] == MISSING;
  }

  @Override
  public int missingCount() {
    return missingCount;
  }

  /** The code in a row ({@value #MISSING} when missing). */
  public int code(int row) {
    return codes[row];
  }

  /** The category in a row, or null when missing. */
  public String value(int row) {
    int c = codes[row];
    return c == MISSING ? null : dictionary.get(c);
  }

  /** A copy of the codes. */
  public int[] codes() {
    return codes.clone();
  }

  /** The categories, indexed by code. */
  public List<String> dictionary() {
    return dictionary;
  }

  /** Count of rows per code (missing rows not counted). */
  public long[] counts() {
    long[] counts = new long[dictionary.size()];
    for (int c : codes) {
      if (c != MISSING) {
        counts[c]++;
      }
    }
    return counts;
  }

  /** The same values recoded against another dictionary that contains every used category. */
  public CategoricalColumn recode(List<String> newDictionary) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < newDictionary.size(); i++) {
      index.put(newDictionary.get(i), i);
    }
    int[] mapping = new int[dictionary.size()];
    for (int i = 0; i < dictionary.size(); i++) {
      Integer code = index.get(dictionary.get(i));
      mapping[i] = code == null ? Integer.MIN_VALUE : code;
    }
    int[] out = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      int c = codes[i];
      if (c == MISSING) {
        out[i] = MISSING;
      } else if (mapping[c] == Integer.MIN_VALUE) {
        throw new IllegalArgumentException(
            "category '" + dictionary.get(c) + "' of " + name + " is not in the new dictionary");
      } else {
        out[i] = mapping[c];
      }
    }
    return new CategoricalColumn(name, out, newDictionary);
  }

  @Override
  public CategoricalColumn take(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[rows[i]];
    }
    return new CategoricalColumn(name, out, dictionary);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoricalColumn other && name.equals(other.name)
        && dictionary.equals(other.dictionary) && Arrays.equals(codes, other.codes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dictionary, Arrays.hashCode(codes));
  }
}
