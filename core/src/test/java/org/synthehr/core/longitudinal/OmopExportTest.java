package org.synthehr.core.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.core.longitudinal.omop.OmopExport;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.StringColumn;
import org.synthehr.core.testing.LongitudinalTestData;

class OmopExportTest {
  @Test
  void personVisitAndMeasurementTablesInOmopShape() {
    Cohort c = LongitudinalTestData.small(30, 12);
    OmopConfig cfg = new OmopConfig("2012-01-01", 30, "gender", Map.of("0", "FEMALE", "1", "MALE"),
        "age", "icu_type", Map.of("1", "Coronary Care Unit"), "In-hospital_death", "1",
        Map.of("weight", "kg"));
    OmopExport.check(cfg, c.schema().statics());
    OmopExport.Tables t = OmopExport.export(c, 1001, cfg, 7);
    assertEquals(30, t.person().rowCount());
    NumericColumn ids = t.person().numeric("person_id");
    StringColumn src = t.person().strings("person_source_value");
    for (int p = 0; p < 30; p++) {
      assertEquals(1001 + p, ids.get(p), 0);
      assertTrue(src.get(p).startsWith("synthetic-"));
      assertTrue(!src.get(p).contains(c.id(p)), "real ids are never emitted");
      double g = t.person().numeric("gender_concept_id").get(p);
      assertTrue(g == 8507 || g == 8532 || g == 0);
    }
    long weights = 0;
    for (int p = 0; p < 30; p++) {
      weights += c.statics().column("weight").isMissing(p) ? 0 : 1;
    }
    assertEquals(c.observationCount() + weights, t.measurement().rowCount());
    NumericColumn when = t.measurement().numeric("measurement_datetime");
    NumericColumn person = t.measurement().numeric("person_id");
    NumericColumn start = t.visit().numeric("visit_start_datetime");
    NumericColumn end = t.visit().numeric("visit_end_datetime");
    for (int r = 0; r < when.size(); r++) {
      int p = (int) person.get(r) - 1001;
      assertTrue(when.get(r) >= start.get(p) && when.get(r) < end.get(p),
          "measurement inside its stay");
    }
    assertEquals(OmopExport.Tables.class, t.getClass());
  }
}
