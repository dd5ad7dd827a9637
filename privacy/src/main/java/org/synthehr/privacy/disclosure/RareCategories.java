package org.synthehr.privacy.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.PrivacyConfig;

/**
 * A disclosure control applied to the training table before the model sees it: categories held by
 * fewer than {@code min_count} training rows (a rare diagnosis code, a one-off specialty) cannot be
 * learned, so they can never be emitted and never point back to the few patients who have them.
 * Unordered categorical columns merge them into one "other" category (suppressed too if the merged
 * group is itself rarer than the count); ordinal and boolean columns, where a merged level would
 * have no place in the order, and the {@code suppress} action set them to missing. The report shows
 * how many categories and rows were affected per column, never which categories.
 */
public final class RareCategories {
  private RareCategories() {}

  /**
   * The controlled table and what changed.
   *
   * @param table the table to train on
   * @param categoriesMerged rare categories merged into the other category, per column
   * @param categoriesSuppressed rare categories set to missing, per column
   * @param rowsChanged cells changed, over all columns
   */
  public record Result(Table table, Map<String, Integer> categoriesMerged,
      Map<String, Integer> categoriesSuppressed, long rowsChanged) {

    /** Rare categories affected over all columns. */
    public int categoriesAffected() {
      return categoriesMerged.values().stream().mapToInt(Integer::intValue).sum()
          + categoriesSuppressed.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Applies the control configured (a no-op result when it is off). */
  public static Result apply(Table training, PrivacyConfig.Controls controls) {
    if (!controls.rareCategoriesControlled()) {
      return new Result(training, Map.of(), Map.of(), 0);
    }
    return apply(training, controls.rareCategoryMinCount(),
        controls.rareCategoryAction().equals("merge"), controls.otherLabel());
  }

  /**
   * Merges or suppresses categories held by fewer than {@code minCount} rows.
   *
   * @param merge merge into {@code otherLabel} where the column allows it (else suppress)
   */
  public static Result apply(Table training, int minCount, boolean merge, String otherLabel) {
    TableSchema schema = training.schema();
    List<Column> columns = new ArrayList<>(training.columns());
    Map<String, ColumnSpec> specs = new HashMap<>();
    Map<String, Integer> merged = new LinkedHashMap<>();
    Map<String, Integer> suppressed = new LinkedHashMap<>();
    long changed = 0;
    for (int c = 0; c < columns.size(); c++) {
      ColumnSpec spec = schema.columns().get(c);
      if (!(columns.get(c) instanceof CategoricalColumn col) || !spec.kind().isModelled()) {
        continue;
      }
      long[] counts = col.counts();
      long rareRows = 0;
      int rare = 0;
      for (long n : counts) {
        if (n > 0 && n < minCount) {
          rare++;
          rareRows += n;
        }
      }
      if (rare == 0) {
        continue;
      }
      boolean canMerge = merge && spec.kind() == ColumnKind.CATEGORICAL && rareRows >= minCount;
      // Where the data already has the label (say, a real "(other)" category), the rare
      // categories join it: every label the model then emits is one the real data has, which
      // the evaluation requires of both sides.
      String other = otherLabel;
      List<String> dictionary = new ArrayList<>();
      int[] map = new int[counts.length];
      for (int k = 0; k < counts.length; k++) {
        if (counts[k] == 0 || counts[k] >= minCount) {
          map[k] = dictionary.size();
          dictionary.add(col.dictionary().get(k));
        }
      }
      int existing = dictionary.indexOf(other);
      int otherCode = !canMerge ? CategoricalColumn.MISSING
          : existing >= 0 ? existing : dictionary.size();
      if (canMerge && existing < 0) {
        dictionary.add(other);
      }
      for (int k = 0; k < counts.length; k++) {
        if (counts[k] > 0 && counts[k] < minCount) {
          map[k] = otherCode;
        }
      }
      int[] codes = new int[col.size()];
      for (int r = 0; r < codes.length; r++) {
        int code = col.code(r);
        codes[r] = code == CategoricalColumn.MISSING ? code : map[code];
      }
      changed += rareRows;
      columns.set(c, new CategoricalColumn(col.name(), codes, dictionary));
      (canMerge ? merged : suppressed).put(col.name(), rare);
      if (!spec.categories().isEmpty() && spec.kind() == ColumnKind.CATEGORICAL && canMerge) {
        // A closed category set must admit the merged category the model will now emit.
        List<String> cats = new ArrayList<>(spec.categories());
        if (!cats.contains(other)) {
          cats.add(other);
        }
        specs.put(spec.name(), spec.withCategories(cats));
      }
    }
    TableSchema out = specs.isEmpty() ? schema : schema.replace(specs);
    return new Result(new Table(out, columns), merged, suppressed, changed);
  }
}
