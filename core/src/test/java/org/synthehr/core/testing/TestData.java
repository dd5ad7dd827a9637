package org.synthehr.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * Real test data from the repository's shipped sample (data/diabetes130-sample.csv, CC BY 4.0), so
 * tests exercise real EHR quirks rather than toy tables.
 */
public final class TestData {
  /** Columns of a small, mixed-kind table used by the synthesizer contract tests. */
  public static final List<String> CONTRACT_COLUMNS = List.of("encounter_id", "patient_nbr", "race",
      "gender", "age", "admission_type_id", "time_in_hospital", "num_lab_procedures",
      "num_medications", "number_inpatient", "A1Cresult", "insulin", "medical_specialty",
      "diabetesMed", "readmitted");

  private TestData() {}

  /** The repository root (tests run from a module directory). */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("data/diabetes130-sample.csv"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find data/diabetes130-sample.csv above "
          + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** The shipped diabetes130 sample's input config (with its schema file). */
  public static InputConfig diabetesInput() {
    Path root = repoRoot();
    return new InputConfig(root.resolve("data/diabetes130-sample.csv").toString(),
        root.resolve("configs/diabetes130.schema.yaml").toString(), List.of(), List.of(), null,
        null);
  }

  /** The whole sample (3,003 rows, 50 columns), typed by its schema. */
  public static Table diabetesSample() {
    return DatasetLoader.load(diabetesInput()).table();
  }

  /**
   * A small mixed table for contract tests: {@code rows} rows of {@link #CONTRACT_COLUMNS} plus
   * {@code marker}, a continuous column of unique 12-digit values with 10% missing, which lets tests
   * check that no training value is stored in a model artefact.
   */
  public static Table contractTable(int rows, long seed) {
    Table base = diabetesSample().select(CONTRACT_COLUMNS).head(rows);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] marker = new double[base.rowCount()];
    for (int i = 0; i < marker.length; i++) {
      marker[i] = rnd.nextDouble() < 0.1 ? Double.NaN
          : Math.round((100 + 900 * rnd.nextDouble()) * 1e9) / 1e9;
    }
    List<ColumnSpec> specs = new ArrayList<>(base.schema().columns());
    specs.add(ColumnSpec.of("marker", ColumnKind.CONTINUOUS));
    List<Column> cols = new ArrayList<>(base.columns());
    cols.add(new NumericColumn("marker", marker));
    TableSchema schema = new TableSchema(specs, "readmitted", "patient_nbr", null, List.of("?"));
    return new Table(schema, cols);
  }
}
