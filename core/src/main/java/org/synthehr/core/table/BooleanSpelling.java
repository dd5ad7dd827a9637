package org.synthehr.core.table;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.schema.StorageType;

/**
 * How a boolean column spells its two values in the real data: {@code 0/1}, {@code true/false},
 * {@code yes/no}, {@code Y/N}, {@code T/F} in any case. A boolean column's schema keeps its spelling
 * as its two categories, false first; every side (real rows, our synthetic Parquet, another tool's
 * CSV or Parquet) is decoded by meaning and re-spelled this way, so metrics compare meanings, never
 * spellings, and the synthetic output is spelled (and stored) as the input was.
 */
public final class BooleanSpelling {
  private BooleanSpelling() {}

  /**
   * The spelling [false, true] of observed values: for each meaning the first observed value that
   * has it, the other one completed from it ("Y" gives "N") when only one meaning was seen.
   *
   * @throws IllegalArgumentException when no observed value has a yes/no meaning
   */
  public static List<String> of(Collection<String> observed) {
    String no = null;
    String yes = null;
    for (String raw : observed) {
      String v = raw.trim();
      Boolean meaning = Values.booleanToken(v);
      if (Boolean.TRUE.equals(meaning) && yes == null) {
        yes = v;
      } else if (Boolean.FALSE.equals(meaning) && no == null) {
        no = v;
      }
    }
    if (no == null && yes == null) {
      throw new IllegalArgumentException("no value with a yes/no meaning among " + observed);
    }
    return List.of(no != null ? no : complement(yes), yes != null ? yes : complement(no));
  }

  /** The value of the other meaning in the same style: 1 ↔ 0, Yes ↔ No, TRUE ↔ FALSE, y ↔ n. */
  public static String complement(String token) {
    String t = token.trim();
    Boolean meaning = Values.booleanToken(t);
    if (meaning == null) {
      throw new IllegalArgumentException("'" + token + "' has no yes/no meaning");
    }
    String lower = t.toLowerCase(Locale.ROOT);
    String other = switch (lower) {
      case "1" -> "0";
      case "0" -> "1";
      case "true" -> "false";
      case "false" -> "true";
      case "yes" -> "no";
      case "no" -> "yes";
      case "t" -> "f";
      case "f" -> "t";
      case "y" -> "n";
      case "n" -> "y";
      default -> throw new IllegalStateException(t);
    };
    if (t.equals(t.toUpperCase(Locale.ROOT)) && !t.equals(lower)) {
      return other.toUpperCase(Locale.ROOT);
    }
    if (Character.isUpperCase(t.charAt(0))) {
      return Character.toUpperCase(other.charAt(0)) + other.substring(1);
    }
    return other;
  }

  /**
   * The storage that keeps the input's type: {@code 0/1} as integers, {@code true/false} as
   * booleans, any other spelling as the text it is.
   */
  public static StorageType storage(List<String> spelling) {
    String no = spelling.get(0).toLowerCase(Locale.ROOT);
    if (no.equals("0")) {
      return StorageType.INT64;
    }
    if (no.equals("false")) {
      return StorageType.BOOLEAN;
    }
    return StorageType.STRING;
  }

  /**
   * The value spelled as the column spells it, or null when it has no yes/no meaning.
   *
   * @param spelling [false, true] as {@link #of} gives it
   */
  public static String respell(String value, List<String> spelling) {
    Boolean meaning = Values.booleanToken(value);
    return meaning == null ? null : spelling.get(meaning ? 1 : 0);
  }

  /** Whether a schema's categories are a boolean spelling (two values, false then true). */
  public static boolean isSpelling(List<String> categories) {
    return categories.size() == 2 && Boolean.FALSE.equals(Values.booleanToken(categories.get(0)))
        && Boolean.TRUE.equals(Values.booleanToken(categories.get(1)));
  }
}
