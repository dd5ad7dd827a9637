package org.synthehr.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rows of each entity (patient) of a table whose entity key column is present. Metrics that
 * hold rows out, or compare rows by nearness, must not let one patient's rows fall on both sides:
 * a patient's second encounter, or a trial's second event row with the same covariates, is a near
 * copy of the first, so a classifier or an attack "recognises" it and reports a difference between
 * two real samples where there is none.
 */
public final class EntityRows {
  private EntityRows() {}

  /** Whether the table carries its entity key column. */
  public static boolean hasEntities(Table t) {
    String key = t.schema().entityKey();
    return key != null && t.schema().indexOf(key) >= 0;
  }

  /**
   * Row indices of each entity, entities in first-seen order; without an entity key column each row
   * is an entity of its own. Rows whose key is missing are each their own entity.
   */
  public static int[][] groups(Table t) {
    if (!hasEntities(t)) {
      int[][] out = new int[t.rowCount()][];
      for (int r = 0; r < out.length; r++) {
        out[r] = new int[] {r};
      }
      return out;
    }
    int col = t.schema().indexOf(t.schema().entityKey());
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    List<int[]> singles = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String key = t.format(r, col);
      if (key == null || key.isEmpty()) {
        singles.add(new int[] {r});
      } else {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    List<int[]> out = new ArrayList<>();
    byKey.values().forEach(rows -> out.add(rows.stream().mapToInt(Integer::intValue).toArray()));
    out.addAll(singles);
    return out.toArray(int[][]::new);
  }

  /** One seeded row per entity, in ascending row order; the table itself without entity key. */
  public static Table onePerEntity(Table t, long seed) {
    if (!hasEntities(t)) {
      return t;
    }
    int[][] groups = groups(t);
    if (groups.length == t.rowCount()) {
      return t;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] rows = new int[groups.length];
    for (int g = 0; g < groups.length; g++) {
      rows[g] = groups[g][rnd.nextInt(groups[g].length)];
    }
    Arrays.sort(rows);
    return t.take(rows);
  }

  /** The entities in a seeded random order (Fisher-Yates). */
  public static int[][] shuffled(int[][] groups, SplittableRandom rnd) {
    int[][] out = groups.clone();
    for (int i = out.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int[] tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }
}
