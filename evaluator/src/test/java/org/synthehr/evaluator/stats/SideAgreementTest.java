package org.synthehr.evaluator.stats;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.testing.Tables;

/** Real and synthetic must agree on every column's domain before any figure is computed. */
class SideAgreementTest {

  private static void check(Table real, Table synthetic) {
    StatisticsPlan plan = StatisticsPlan.fromReal(real, 64, List.of(), 50);
    SideAgreement.require(plan, TableStatistics.of(real, plan),
        TableStatistics.of(synthetic, plan), "other-tool.csv");
  }

  private static String error(Table real, Table synthetic) {
    return assertThrows(InvalidInputException.class, () -> check(real, synthetic)).getMessage();
  }

  @Test
  void theSameDomainInAnotherOrderAgrees() {
    assertDoesNotThrow(() -> check(Tables.categorical("sex", "F", "M", "M", "F"),
        Tables.categorical("sex", "M", "M", "M", "F")));
    Table diabetes = Tables.diabetes();
    assertDoesNotThrow(() -> check(Tables.rows(diabetes, 0, 1000),
        Tables.rows(diabetes, 1000, 2000)));
  }

  @Test
  void aCategorySpelledDifferentlyNamesTheColumnAndBothSpellings() {
    String message = error(Tables.categorical("A1Cresult", "None", "None", ">8", "Norm"),
        Tables.categorical("A1Cresult", "NONE", "NONE", ">8", "NORM"));
    assertTrue(message.contains("A1Cresult") && message.contains("'NONE'")
        && message.contains("'None'") && message.contains("other-tool.csv"), message);
  }

  @Test
  void aFewRareUnseenCategoriesAreTolerated() {
    String[] real = new String[100];
    String[] syn = new String[100];
    for (int i = 0; i < 100; i++) {
      real[i] = "code-" + (i % 10);
      syn[i] = i < 3 ? "code-rare" : "code-" + (i % 10);
    }
    assertDoesNotThrow(() -> check(Tables.categorical("diag", real),
        Tables.categorical("diag", syn)));
  }

  @Test
  void numbersWithUnitsOrAnotherScaleAreErrors() {
    Table kg = Tables.numeric("weight", 52, 70, 81.5, 95, 120);
    Table grams = Tables.numeric("weight", 52_000, 70_000, 81_500, 95_000, 120_000);
    String message = error(kg, grams);
    assertTrue(message.contains("weight") && message.contains("120") && message.contains("52000"),
        message);
    assertDoesNotThrow(() -> check(kg, Tables.numeric("weight", 40, 66, 140, 150, 90)),
        "a generator that strays a little beyond the real range is not an error");
  }

  @Test
  void aColumnTheSyntheticSideNeverFillsIsAnError() {
    String[] real = new String[40];
    String[] syn = new String[40];
    for (int i = 0; i < 40; i++) {
      real[i] = i % 2 == 0 ? "yes" : "no";
    }
    String message = error(Tables.categorical("smoker", real), Tables.categorical("smoker", syn));
    assertTrue(message.contains("smoker") && message.contains("every synthetic value is missing"),
        message);
  }
}
