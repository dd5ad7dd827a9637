package org.synthehr.core.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.testing.LongitudinalTestData;

class CohortReaderTest {
  private static CohortReader.Result sample;

  @BeforeAll
  static void read() {
    sample = LongitudinalTestData.physionetSample();
  }

  @Test
  void readsThePhysionetSampleOntoAnHourlyGrid() {
    Cohort c = sample.cohort();
    assertEquals(500, c.size());
    assertEquals(37, c.variables());
    assertEquals(48, c.steps());
    assertEquals("In-hospital_death", c.schema().label());
    assertEquals(List.of("age", "gender", "height", "icu_type", "weight", "In-hospital_death"),
        c.schema().statics().names(), "identifier dropped, label joined from the outcomes file");
    CategoricalColumn death = c.statics().categorical("In-hospital_death");
    long deaths = 0;
    for (int p = 0; p < c.size(); p++) {
      deaths += "1".equals(death.value(p)) ? 1 : 0;
    }
    assertEquals(67, deaths);
    assertEquals(216_056, sample.summary().rowsRead());
    assertEquals(500, sample.summary().outcomesMatched());
  }

  @Test
  void firstPatientsMeasurementsLandInTheirSteps() {
    Cohort c = sample.cohort();
    assertEquals("132539", c.id(0));
    int hr = c.schema().indexOf("HR");
    // record 132539 charts HR 73 at minute 7 and 77 at minute 37: both in hour 0, averaged
    assertEquals(75f, c.value(0, 0, hr), 1e-4);
    int urine = c.schema().indexOf("Urine");
    // Urine is summed per step: 900 mL at minute 7 + 60 mL at minute 37
    assertEquals(960f, c.value(0, 0, urine), 1e-4);
    assertTrue(c.value(0, 0, c.schema().indexOf("HR")) > 0);
  }

  @Test
  void neverMeasuredStaysMissingAndStaticMinusOneIsMissing() {
    Cohort c = sample.cohort();
    int chol = c.schema().indexOf("Cholesterol");
    long observedPatients = 0;
    for (int p = 0; p < c.size(); p++) {
      boolean any = false;
      for (int t = 0; t < c.steps(); t++) {
        any |= c.observed(p, t, chol);
      }
      observedPatients += any ? 1 : 0;
    }
    assertTrue(observedPatients > 0 && observedPatients < 100,
        "cholesterol is rarely measured, got " + observedPatients);
    assertTrue(c.statics().column("height").isMissing(0), "height -1 is missing");
    assertEquals(ColumnKind.CATEGORICAL, c.schema().statics().column("icu_type").kind());
    double share = (double) sample.summary().observedCells() / (500.0 * 48 * 37);
    assertTrue(share > 0.05 && share < 0.3, "observed share " + share);
  }

  @Test
  void recordsThatStopEarlyEndEarly() {
    Cohort c = sample.cohort();
    for (int p = 0; p < c.size(); p++) {
      for (int t = c.end(p); t < c.steps(); t++) {
        for (int k = 0; k < c.variables(); k++) {
          assertFalse(c.observed(p, t, k), "value after the end of record " + c.id(p));
        }
      }
    }
    assertTrue(sample.summary().endedEarly() > 0);
  }

  @Test
  void truncateHidesTheFuture() {
    Cohort c = sample.cohort().head(20);
    Cohort h = c.truncate(24);
    for (int p = 0; p < h.size(); p++) {
      assertTrue(h.end(p) <= 24);
      for (int k = 0; k < h.variables(); k++) {
        assertFalse(h.observed(p, 30, k));
        assertEquals(c.value(p, 3, k), h.value(p, 3, k), 0f);
      }
    }
  }

  @Test
  void unknownPatientAndBadValueAreReportedWithRowsAndFix(@TempDir Path dir) throws IOException {
    Path stat = dir.resolve("static.csv");
    Files.writeString(stat, "record_id,age,gender\n1,50,0\n2,60,1\n3,70,0\n");
    Path ev = dir.resolve("events.csv");
    Files.writeString(ev, "record_id,minutes,parameter,value\n1,0,HR,80\n9,5,HR,70\n"
        + "2,10,HR,fast\n2,20,HR,90\n");
    CohortInputConfig in = longInput(stat, ev);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CohortReader.read(in, GridConfig.hourly48()));
    String m = e.getMessage();
    assertTrue(m.contains("events.csv") && m.contains("'9' (row 2)")
        && m.contains("is not a patient id"), m);
    assertTrue(m.contains("column 'value'") && m.contains("'fast' (row 3)")
        && m.contains("Fix:"), m);
  }

  @Test
  void missingColumnNamesTheKey(@TempDir Path dir) throws IOException {
    Path stat = dir.resolve("static.csv");
    Files.writeString(stat, "record_id,age\n1,50\n");
    Path ev = dir.resolve("events.csv");
    Files.writeString(ev, "record_id,time,parameter,value\n1,0,HR,80\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CohortReader.read(longInput(stat, ev), GridConfig.hourly48()));
    assertTrue(e.getMessage().contains("has no column 'minutes'")
        && e.getMessage().contains("input.time_column"), e.getMessage());
  }

  @Test
  void eventsOutsideTheWindowAreCountedNotUsed(@TempDir Path dir) throws IOException {
    Path stat = dir.resolve("static.csv");
    Files.writeString(stat, "record_id,age\n1,50\n2,60\n");
    Path ev = dir.resolve("events.csv");
    Files.writeString(ev, "record_id,minutes,parameter,value\n1,0,HR,80\n1,3000,HR,70\n"
        + "2,-5,HR,60\n2,2880,HR,90\n2,100,Temp,-1\n");
    CohortReader.Result r = CohortReader.read(longInput(stat, ev), GridConfig.hourly48());
    assertEquals(2, r.summary().outsideWindow());
    assertEquals(1, r.summary().missingValues());
    assertEquals(90f, r.cohort().value(1, 47, 0), 0f, "minute 2880 is in the last step");
    assertEquals(List.of("HR"), r.cohort().schema().variableNames(), "Temp had no values");
  }

  @Test
  void readsAWideVisitTableWithDates(@TempDir Path dir) throws IOException {
    Path visits = dir.resolve("visits.csv");
    Files.writeString(visits, "patient,date,sex,hba1c,sbp\n"
        + "a,2020-01-01,F,7.1,130\n"
        + "a,2020-01-15,F,,128\n"
        + "b,2020-03-01,M,6.5,\n"
        + "b,2020-03-03,M,6.9,141\n");
    CohortInputConfig in = new CohortInputConfig(CohortInputConfig.Layout.VISITS, null, null, null,
        visits.toString(), "patient", "date", null, null, null, List.of("sex"), null, null, null,
        null, List.of(), null);
    Cohort c = CohortReader.read(in, new GridConfig(1440, 30, Aggregation.MEAN, 0)).cohort();
    assertEquals(2, c.size());
    assertEquals(List.of("hba1c", "sbp"), c.schema().variableNames());
    assertEquals(7.1f, c.value(0, 0, 0), 1e-5);
    assertFalse(c.observed(0, 14, 0), "hba1c not measured at the second visit");
    assertEquals(128f, c.value(0, 14, 1), 1e-5);
    assertEquals(6.9f, c.value(1, 2, 0), 1e-5, "days relative to the first visit");
    assertEquals("M", c.statics().categorical("sex").value(1));
  }

  @Test
  void aStaticColumnThatChangesIsRejected(@TempDir Path dir) throws IOException {
    Path visits = dir.resolve("visits.csv");
    Files.writeString(visits, "patient,day,sex,sbp\na,0,F,130\na,3,M,128\n");
    CohortInputConfig in = new CohortInputConfig(CohortInputConfig.Layout.VISITS, null, null, null,
        visits.toString(), "patient", "day", CohortInputConfig.TimeUnit.DAYS, null, null,
        List.of("sex"), null, null, null, null, List.of(), null);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CohortReader.read(in, new GridConfig(1440, 10, Aggregation.MEAN, 0)));
    assertTrue(e.getMessage().contains("column 'sex'") && e.getMessage().contains("first visit"),
        e.getMessage());
  }

  @Test
  void noLabelWhenNoneIsConfigured(@TempDir Path dir) throws IOException {
    Path stat = dir.resolve("static.csv");
    Files.writeString(stat, "record_id,age\n1,50\n");
    Path ev = dir.resolve("events.csv");
    Files.writeString(ev, "record_id,minutes,parameter,value\n1,0,HR,80\n");
    assertNull(CohortReader.read(longInput(stat, ev), GridConfig.hourly48()).cohort().schema()
        .label());
  }

  @Test
  void cohortFilesUseTheInputsDelimiterAndEncoding(@TempDir Path dir) throws IOException {
    // Semicolon-separated (detected), Latin-1, CRLF, a quoted static note over two lines.
    Path visits = dir.resolve("visits.csv");
    String note = "\"crème; \"\"brûlée\"\"\r\nline 2\"";
    Files.write(visits, ("patient;day;sex;note;sbp\r\na;0;F;" + note + ";130\r\na;3;F;" + note
        + ";128\r\nb;0;M;y;141\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    CohortInputConfig in = new CohortInputConfig(CohortInputConfig.Layout.VISITS, null, null, null,
        visits.toString(), "patient", "day", CohortInputConfig.TimeUnit.DAYS, null, null,
        List.of("sex", "note"), null, null, null, null, List.of(), null, null, "ISO-8859-1");
    Cohort c = CohortReader.read(in, new GridConfig(1440, 10, Aggregation.MEAN, 0)).cohort();
    assertEquals(2, c.size());
    assertEquals(List.of("sbp"), c.schema().variableNames());
    assertEquals(128f, c.value(0, 3, 0), 1e-5);
    assertEquals("M", c.statics().categorical("sex").value(1));
    // The same file read as UTF-8 is refused with the fix.
    CohortInputConfig utf8 = new CohortInputConfig(CohortInputConfig.Layout.VISITS, null, null,
        null, visits.toString(), "patient", "day", CohortInputConfig.TimeUnit.DAYS, null, null,
        List.of("sex", "note"), null, null, null, null, List.of(), null, ";", null);
    String err = assertThrows(InvalidInputException.class,
        () -> CohortReader.read(utf8, GridConfig.hourly48())).getMessage();
    assertTrue(err.contains("visits.csv: line 2 is not valid UTF-8 text"), err);
  }

  private static CohortInputConfig longInput(Path stat, Path ev) {
    return new CohortInputConfig(CohortInputConfig.Layout.LONG, stat.toString(), null,
        ev.toString(), null, "record_id", "minutes", null, "parameter", "value", null, null, null,
        null, null, List.of("-1"), null);
  }
}
