package org.synthehr.core.longitudinal.omop;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.VariableSpec;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.StorageType;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.StringColumn;
import org.synthehr.core.table.Table;

/**
 * Writes a synthetic cohort as tables in the shape of OMOP CDM v5.4 {@code person},
 * {@code visit_occurrence} (one ICU stay per person) and {@code measurement}: ids, datetimes,
 * concept ids where standard ones are known (gender 8507/8532, visit 32037 "Intensive Care", type
 * 32817 "EHR"), otherwise concept 0 with the source value, units as {@code unit_source_value}.
 * Person ids are synthetic (block offset + position), never a real patient's; every
 * {@code person_source_value} starts with {@code synthetic-}.
 *
 * <p>Each observed grid cell becomes one measurement at a seeded minute within its step, so charting
 * times look irregular while the grid cell is kept.
 */
public final class OmopExport {
  /** OMOP gender concepts. */
  static final long MALE = 8507;
  static final long FEMALE = 8532;
  /** Visit concept "Intensive Care". */
  static final long ICU_VISIT = 32037;
  /** Type concept "EHR". */
  static final long EHR = 32817;
  /** Measurement ids are person_id * this + a running number. */
  public static final long MEASUREMENTS_PER_PERSON = 100_000L;

  private OmopExport() {}

  /**
   * The three tables of a cohort.
   *
   * @param person one row per person
   * @param visit one ICU stay per person
   * @param measurement one row per observed value (and per static measurement)
   */
  public record Tables(Table person, Table visit, Table measurement) {}

  /** Checks the config's columns against a cohort's static attributes. */
  public static void check(OmopConfig config, TableSchema statics) {
    List<String> problems = new ArrayList<>();
    for (String col : new String[] {config.genderColumn(), config.ageColumn(),
        config.careSiteColumn(), config.deathColumn()}) {
      if (col != null && statics.find(col).isEmpty()) {
        problems.add(col);
      }
    }
    for (String col : config.staticMeasurements().keySet()) {
      if (statics.find(col).isEmpty()) {
        problems.add(col);
      } else if (!statics.column(col).kind().isNumeric()) {
        throw new InvalidConfigException("omop.static_measurements: '" + col + "' is "
            + statics.column(col).kind().id() + ", not numeric.");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("omop: " + String.join(", ", problems) + " "
          + (problems.size() == 1 ? "is not a static column" : "are not static columns")
          + " (static columns: " + String.join(", ", statics.names()) + "). Fix: correct the omop"
          + " section.");
    }
  }

  /**
   * Converts a cohort.
   *
   * @param cohort the synthetic cohort
   * @param firstPersonId the person_id of its first patient (1 + block offset)
   * @param config the OMOP mapping
   * @param seed seeds admission dates and charting minutes
   */
  public static Tables export(Cohort cohort, long firstPersonId, OmopConfig config, long seed) {
    int n = cohort.size();
    Table st = cohort.statics();
    double[] personId = new double[n];
    double[] gender = new double[n];
    double[] yearOfBirth = new double[n];
    String[] source = new String[n];
    String[] genderSource = new String[n];
    double[] visitStart = new double[n];
    double[] visitEnd = new double[n];
    String[] careSite = new String[n];
    String[] discharged = new String[n];
    List<Double> mId = new ArrayList<>();
    List<Double> mPerson = new ArrayList<>();
    List<Double> mTime = new ArrayList<>();
    List<Double> mValue = new ArrayList<>();
    List<String> mUnit = new ArrayList<>();
    List<String> mSource = new ArrayList<>();
    long stepSeconds = cohort.schema().grid().stepMinutes() * 60L;
    long anchor = config.anchor().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Seeds seeds = Seeds.of(seed);
    List<VariableSpec> vars = cohort.schema().variables();
    Map<String, String> statMeas = new TreeMap<>(config.staticMeasurements());
    for (int p = 0; p < n; p++) {
      long pid = firstPersonId + p;
      SplittableRandom rnd = new SplittableRandom(seeds.blockSeed("omop", pid));
      personId[p] = pid;
      source[p] = "synthetic-" + pid;
      String g = text(st, config.genderColumn(), p);
      genderSource[p] = g;
      String mapped = g == null ? null : config.genderValues().get(g);
      gender[p] = "MALE".equals(mapped) ? MALE : "FEMALE".equals(mapped) ? FEMALE : 0;
      long start = anchor + rnd.nextLong(Math.max(1, config.spreadDays()) * 86_400L / 60) * 60;
      visitStart[p] = start;
      visitEnd[p] = start + cohort.end(p) * stepSeconds;
      double age = number(st, config.ageColumn(), p);
      yearOfBirth[p] = Double.isNaN(age) ? Double.NaN : LocalDate.ofEpochDay(
          Math.floorDiv(start, 86_400L)).getYear() - Math.round(age);
      String site = text(st, config.careSiteColumn(), p);
      careSite[p] = site == null ? null : config.careSiteValues().getOrDefault(site, site);
      String death = text(st, config.deathColumn(), p);
      discharged[p] = config.deathColumn() == null || death == null ? null
          : death.equals(config.deathValue()) ? "died" : "alive";
      long j = 0;
      for (Map.Entry<String, String> e : statMeas.entrySet()) {
        double v = number(st, e.getKey(), p);
        if (!Double.isNaN(v)) {
          add(mId, mPerson, mTime, mValue, mUnit, mSource, pid * MEASUREMENTS_PER_PERSON + j++, pid,
              start, v, e.getValue(), e.getKey());
        }
      }
      for (int t = 0; t < cohort.steps(); t++) {
        for (int k = 0; k < cohort.variables(); k++) {
          float v = cohort.value(p, t, k);
          if (Float.isNaN(v)) {
            continue;
          }
          long when = start + t * stepSeconds + rnd.nextLong(Math.max(1, stepSeconds / 60)) * 60;
          add(mId, mPerson, mTime, mValue, mUnit, mSource, pid * MEASUREMENTS_PER_PERSON + j++, pid,
              when, v, vars.get(k).unit(), vars.get(k).name());
        }
      }
    }
    Table person = table(List.of(
        num("person_id", StorageType.INT64, personId),
        num("gender_concept_id", StorageType.INT64, gender),
        num("year_of_birth", StorageType.INT64, yearOfBirth),
        num("race_concept_id", StorageType.INT64, new double[n]),
        num("ethnicity_concept_id", StorageType.INT64, new double[n]),
        str("person_source_value", source),
        str("gender_source_value", genderSource)));
    double[] visitConcept = new double[n];
    double[] type = new double[n];
    java.util.Arrays.fill(visitConcept, ICU_VISIT);
    java.util.Arrays.fill(type, EHR);
    Table visit = table(List.of(
        num("visit_occurrence_id", StorageType.INT64, personId),
        num("person_id", StorageType.INT64, personId.clone()),
        num("visit_concept_id", StorageType.INT64, visitConcept),
        num("visit_start_datetime", StorageType.TIMESTAMP, visitStart),
        num("visit_end_datetime", StorageType.TIMESTAMP, visitEnd),
        num("visit_type_concept_id", StorageType.INT64, type),
        str("visit_source_value", careSite),
        str("discharged_to_source_value", discharged)));
    int m = mId.size();
    double[] types = new double[m];
    java.util.Arrays.fill(types, EHR);
    double[] time = unbox(mTime);
    Table measurement = table(List.of(
        num("measurement_id", StorageType.INT64, unbox(mId)),
        num("person_id", StorageType.INT64, unbox(mPerson)),
        num("visit_occurrence_id", StorageType.INT64, unbox(mPerson)),
        num("measurement_concept_id", StorageType.INT64, new double[m]),
        num("measurement_date", StorageType.DATE, time.clone()),
        num("measurement_datetime", StorageType.TIMESTAMP, time),
        num("measurement_type_concept_id", StorageType.INT64, types),
        num("value_as_number", StorageType.DOUBLE, unbox(mValue)),
        str("unit_source_value", mUnit.toArray(String[]::new)),
        str("measurement_source_value", mSource.toArray(String[]::new))));
    return new Tables(person, visit, measurement);
  }

  private static void add(List<Double> id, List<Double> person, List<Double> time,
      List<Double> value, List<String> unit, List<String> source, long mid, long pid, long when,
      double v, String u, String s) {
    id.add((double) mid);
    person.add((double) pid);
    time.add((double) when);
    value.add(v);
    unit.add(u);
    source.add(s);
  }

  private static String text(Table t, String column, int row) {
    if (column == null || t.column(column).isMissing(row)) {
      return null;
    }
    return t.format(row, t.schema().indexOf(column));
  }

  private static double number(Table t, String column, int row) {
    if (column == null || t.column(column).isMissing(row)) {
      return Double.NaN;
    }
    Column c = t.column(column);
    if (c instanceof NumericColumn n) {
      return n.get(row);
    }
    try {
      return Double.parseDouble(t.format(row, t.schema().indexOf(column)));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private record Col(ColumnSpec spec, Column column) {}

  private static Col num(String name, StorageType storage, double[] v) {
    ColumnKind kind = storage == StorageType.DOUBLE ? ColumnKind.CONTINUOUS
        : storage == StorageType.INT64 ? ColumnKind.INTEGER : ColumnKind.DATETIME;
    return new Col(new ColumnSpec(name, kind, storage, null, null, null),
        new NumericColumn(name, v));
  }

  private static Col str(String name, String[] v) {
    return new Col(new ColumnSpec(name, ColumnKind.TEXT, StorageType.STRING, null, null, null),
        new StringColumn(name, v));
  }

  private static Table table(List<Col> cols) {
    return new Table(TableSchema.of(cols.stream().map(Col::spec).toList()),
        cols.stream().map(Col::column).toList());
  }

  private static double[] unbox(List<Double> l) {
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i);
    }
    return out;
  }
}
