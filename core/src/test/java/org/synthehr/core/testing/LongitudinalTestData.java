package org.synthehr.core.testing;

import java.util.List;
import org.synthehr.core.longitudinal.Aggregation;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.longitudinal.CohortReader;
import org.synthehr.core.longitudinal.GridConfig;

/**
 * Real longitudinal test data: the 500-patient PhysioNet 2012 set A sample shipped in
 * data/physionet2012-a-sample (ODC-BY 1.0), read with the repository's configs.
 */
public final class LongitudinalTestData {
  /** Frequently charted variables used by the small, fast cohorts of model tests. */
  public static final List<String> SMALL_VARIABLES = List.of("HR", "MAP", "Temp", "GCS",
      "Lactate", "Urine");

  private LongitudinalTestData() {}

  /** The input config of the shipped sample (long layout, -1 missing, outcome In-hospital_death). */
  public static CohortInputConfig physionetInput() {
    String root = TestData.repoRoot().toString();
    String dir = root + "/data/physionet2012-a-sample/";
    return new CohortInputConfig(CohortInputConfig.Layout.LONG, dir + "set-a_static.csv",
        root + "/configs/physionet2012.static.schema.yaml", dir + "set-a_timeseries.csv.gz", null,
        "record_id", "minutes", CohortInputConfig.TimeUnit.MINUTES, "parameter", "value", null,
        dir + "Outcomes-a.csv", "RecordID", "In-hospital_death", null, List.of("-1"),
        root + "/configs/physionet2012.variables.yaml");
  }

  /** The whole sample on an hourly 48-hour grid. */
  public static CohortReader.Result physionetSample() {
    return CohortReader.read(physionetInput(), GridConfig.hourly48());
  }

  /**
   * A small cohort for model tests: the first {@code patients} patients of the sample, the
   * {@link #SMALL_VARIABLES}, on a grid of {@code steps} steps of {@code 48 / steps} hours.
   */
  public static Cohort small(int patients, int steps) {
    String root = TestData.repoRoot().toString();
    CohortInputConfig full = physionetInput();
    CohortInputConfig in = new CohortInputConfig(full.layout(), full.staticPath(),
        full.staticSchema(), full.eventsPath(), null, full.idColumn(), full.timeColumn(),
        full.timeUnit(), full.variableColumn(), full.valueColumn(), null, full.outcomesPath(),
        full.outcomesIdColumn(), full.label(), null, full.missingValues(),
        root + "/core/src/test/resources/small-variables.yaml");
    GridConfig grid = new GridConfig(2880 / steps, steps, Aggregation.MEAN, 240);
    return CohortReader.read(in, grid).cohort().head(patients);
  }
}
