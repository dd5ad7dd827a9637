package org.synthehr.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Table;

/**
 * A requested share of each class of the label column in sampled rows, e.g. half the rows
 * readmitted {@code <30}: {@code {"<30": 0.5, ">30": 0.25, "NO": 0.25}}. The key {@code *} stands
 * for every class not listed, in the model's own proportions (so {@code {"<30": 0.5, "*": 0.5}}
 * oversamples {@code <30} and keeps the others as learned). Works with every model: each listed
 * class is sampled under the condition {@code label=class} (which models conditioned on the label,
 * such as TabDDPM, meet exactly and without rejection), the {@code *} part by keeping unconditioned
 * rows of the other classes; the parts are then shuffled together with a seeded permutation. Row
 * counts per class are the shares times the rows asked for, rounded by largest remainder.
 *
 * @param column the label column
 * @param shares share of the rows per class, in [0, 1], summing to 1
 */
public record ClassBalance(String column, Map<String, Double> shares) {
  /** The key meaning "every class not listed". */
  public static final String OTHERS = "*";

  public ClassBalance {
    shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
  }

  /**
   * A balance on the schema's label column.
   *
   * @throws InvalidInputException when the schema has no discrete label, a share is outside
   *     [0, 1], or the shares do not sum to 1
   */
  public static ClassBalance of(TableSchema schema, Map<String, Double> shares) {
    String label = schema.label();
    ColumnSpec spec = label == null ? null : schema.find(label).orElse(null);
    if (spec == null || !spec.kind().isDiscrete()) {
      throw bad(String.valueOf(label), "the model has no discrete label column to balance",
          "set input.label (or label: in the schema file) to a categorical outcome and retrain,"
              + " or use a condition such as column=value instead");
    }
    if (shares.isEmpty()) {
      throw bad(label, "no classes are listed", "list shares such as '<30=0.5,*=0.5'");
    }
    double total = 0;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      Double v = e.getValue();
      if (v == null || !(v >= 0 && v <= 1)) {
        throw bad(label, "the share of '" + e.getKey() + "' is " + v,
            "give every share as a number between 0 and 1");
      }
      total += v;
    }
    if (Math.abs(total - 1) > 1e-6) {
      throw bad(label, String.format(Locale.ROOT, "the shares sum to %.4g, not 1", total),
          "make them sum to 1; '*' stands for all classes not listed, e.g. '<30=0.5,*=0.5'");
    }
    return new ClassBalance(label, shares);
  }

  /**
   * Parses {@code class=share,class=share} (as given on the command line).
   *
   * @throws InvalidInputException naming the part that is not {@code class=share}
   */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      int eq = part.lastIndexOf('=');
      if (eq <= 0) {
        throw bad("class balance", "'" + part + "' is not class=share",
            "write the balance as class=share pairs, e.g. '<30=0.5,*=0.5'");
      }
      try {
        out.put(part.substring(0, eq).trim(), Double.parseDouble(part.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        throw bad("class balance", "the share in '" + part + "' is not a number",
            "write the balance as class=share pairs, e.g. '<30=0.5,*=0.5'");
      }
    }
    return out;
  }

  private static InvalidInputException bad(String column, String what, String fix) {
    return new InvalidInputException(Problem.ofColumn("class balance", column, what, fix));
  }

  /** Rows per part for {@code rows} rows: shares times rows, rounded by largest remainder. */
  public Map<String, Integer> counts(int rows) {
    List<String> keys = new ArrayList<>(shares.keySet());
    int[] counts = new int[keys.size()];
    double[] remainder = new double[keys.size()];
    int given = 0;
    for (int i = 0; i < keys.size(); i++) {
      double exact = shares.get(keys.get(i)) * rows;
      counts[i] = (int) Math.floor(exact);
      remainder[i] = exact - counts[i];
      given += counts[i];
    }
    Integer[] order = new Integer[keys.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
    for (int i = 0; given < rows && i < order.length; i++, given++) {
      counts[order[i]]++;
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), counts[i]);
    }
    return out;
  }

  /**
   * Samples {@code request.rows()} rows with this balance (and the request's other conditions).
   * Deterministic in the request's seed.
   */
  public Table sample(FittedSynthesizer model, SampleRequest request) {
    Seeds seeds = Seeds.of(request.seed());
    List<Table> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts(request.rows()).entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      if (e.getKey().equals(OTHERS)) {
        parts.add(others(model, request, e.getValue(), seeds));
      } else {
        List<Condition> conditions = new ArrayList<>(request.conditions());
        conditions.add(Condition.equalTo(column, e.getKey()));
        parts.add(model.sample(new SampleRequest(e.getValue(), seeds.seed("class:" + e.getKey()),
            conditions)));
      }
    }
    if (parts.isEmpty()) {
      return model.sample(new SampleRequest(0, request.seed(), request.conditions()));
    }
    Table all = parts.size() == 1 ? parts.get(0) : Table.concat(parts);
    int[] order = new int[all.rowCount()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = seeds.random("class-order");
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return all.take(order);
  }

  /** Rows of the classes not listed, by keeping unconditioned draws of them (bounded). */
  private Table others(FittedSynthesizer model, SampleRequest request, int rows, Seeds seeds) {
    Set<String> listed = shares.keySet();
    long budget = Math.max(100_000L, 1000L * rows);
    long drawn = 0;
    int kept = 0;
    List<Table> out = new ArrayList<>();
    for (int round = 0; kept < rows && drawn < budget; round++) {
      double rate = drawn == 0 ? 1.0 : Math.max(kept, 0.5) / drawn;
      int batch = (int) Math.min(Math.min((long) Math.ceil((rows - kept) / rate * 1.1) + 16,
          100_000L), budget - drawn);
      Table t = model.sample(new SampleRequest(batch, seeds.blockSeed("class-others", round),
          request.conditions()));
      drawn += batch;
      CategoricalColumn label = t.categorical(column);
      int[] keep = new int[Math.min(rows - kept, t.rowCount())];
      int k = 0;
      for (int r = 0; r < t.rowCount() && k < keep.length; r++) {
        if (!listed.contains(label.value(r))) {
          keep[k++] = r;
        }
      }
      if (k > 0) {
        out.add(t.take(Arrays.copyOf(keep, k)));
        kept += k;
      }
    }
    if (kept < rows) {
      throw bad(column, String.format(Locale.ROOT, "only %,d of the %,d rows of classes other than"
          + " %s could be drawn from %,d candidates", kept, rows, listed, drawn),
          "list the classes you want explicitly instead of '*'");
    }
    return out.size() == 1 ? out.get(0) : Table.concat(out);
  }
}
