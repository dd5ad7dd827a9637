package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.StringColumn;

/** Stacks two columns of the same name, merging category dictionaries (first table's order first). */
final class TableConcat {
  private TableConcat() {}

  static Column column(Column a, Column b) {
    if (a instanceof NumericColumn na) {
      double[] x = na.toArray();
      double[] y = ((NumericColumn) b).toArray();
      double[] out = new double[x.length + y.length];
      System.arraycopy(x, 0, out, 0, x.length);
      System.arraycopy(y, 0, out, x.length, y.length);
      return new NumericColumn(a.name(), out);
    }
    if (a instanceof CategoricalColumn ca) {
      CategoricalColumn cb = (CategoricalColumn) b;
      Set<String> dict = new LinkedHashSet<>(ca.dictionary());
      dict.addAll(cb.dictionary());
      List<String> merged = new ArrayList<>(dict);
      int[] x = ca.recode(merged).codes();
      int[] y = cb.recode(merged).codes();
      int[] out = new int[x.length + y.length];
      System.arraycopy(x, 0, out, 0, x.length);
      System.arraycopy(y, 0, out, x.length, y.length);
      return new CategoricalColumn(a.name(), out, merged);
    }
    StringColumn sa = (StringColumn) a;
    StringColumn sb = (StringColumn) b;
    String[] out = new String[sa.size() + sb.size()];
    for (int i = 0; i < sa.size(); i++) {
      out[i] = sa.get(i);
    }
    for (int i = 0; i < sb.size(); i++) {
      out[sa.size() + i] = sb.get(i);
    }
    return new StringColumn(a.name(), out);
  }
}
