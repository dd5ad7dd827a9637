package org.synthehr.core.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic order of a dictionary learned from data: by the number each category starts with
 * when every category has one (age bands such as "[10-20)", numeric codes), else alphabetical; yes/no
 * style booleans false first.
 */
public final class CategoryOrder {
  private static final Pattern LEADING_NUMBER = Pattern.compile("^[\\[\\(<>=~ ]*(-?\\d+(\\.\\d+)?)");

  private CategoryOrder() {}

  /** The categories in natural order. */
  public static List<String> natural(Collection<String> categories) {
    List<String> out = new ArrayList<>(categories);
    if (!out.isEmpty() && out.stream().allMatch(c -> Values.booleanToken(c) != null)
        && out.stream().map(Values::booleanToken).distinct().count() == out.size()) {
      out.sort(Comparator.comparing(Values::booleanToken));
      return out;
    }
    if (!out.isEmpty() && out.stream().allMatch(c -> leadingNumber(c) != null)) {
      out.sort(Comparator.comparingDouble((String c) -> leadingNumber(c))
          .thenComparing(Comparator.naturalOrder()));
      return out;
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Whether every category starts with a number, i.e. the natural order is a numeric order. */
  public static boolean hasNumericOrder(Collection<String> categories) {
    return !categories.isEmpty() && categories.stream().allMatch(c -> leadingNumber(c) != null);
  }

  static Double leadingNumber(String c) {
    Matcher m = LEADING_NUMBER.matcher(c);
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }
}
