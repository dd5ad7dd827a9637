package org.synthehr.evaluator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a metric's details, which hold our own lists and maps in process and Jackson's
 * generic ones after a round trip through report.json; both render the same.
 */
final class Details {
  private Details() {}

  static Object get(Map<String, Object> details, String key) {
    return details == null ? null : details.get(key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  static double[] doubles(Object o) {
    if (!(o instanceof List<?> l)) {
      return new double[0];
    }
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(l.get(i));
    }
    return out;
  }

  static double[][] matrix(Object o) {
    if (!(o instanceof List<?> l)) {
      return new double[0][];
    }
    double[][] out = new double[l.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(l.get(i));
    }
    return out;
  }

  static double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
