package org.synthehr.privacy.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.PrivacyConfig;
import org.synthehr.privacy.testing.PrivacyFixtures;

class DisclosureControlsTest {
  private final Table sample = PrivacyFixtures.sample();

  @Test
  void rareCategoriesAreMergedIntoOtherAndNoneRemainRare() {
    RareCategories.Result r = RareCategories.apply(sample, 10, true, "(other)");
    CategoricalColumn before = sample.categorical("diag_1");
    CategoricalColumn after = r.table().categorical("diag_1");
    assertTrue(r.categoriesMerged().get("diag_1") > 100, "the sample has a long tail of ICD codes");
    assertTrue(after.dictionary().contains("(other)"));
    long[] counts = after.counts();
    for (int k = 0; k < counts.length; k++) {
      assertTrue(counts[k] == 0 || counts[k] >= 10, after.dictionary().get(k) + " " + counts[k]);
    }
    // Frequent categories keep every row; the rows of rare ones all went to (other).
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      String v = before.value(i);
      if (v != null && before.counts()[before.code(i)] >= 10) {
        assertEquals(v, after.value(i));
      }
    }
    assertEquals(sample.rowCount(), r.table().rowCount());
    assertTrue(r.rowsChanged() > 0);
  }

  @Test
  void rareCategoriesJoinARealCategoryThatAlreadyHasTheLabel() {
    // A column whose data already holds the label: its rare categories join that category, so
    // the model never emits a label the real data lacks (the evaluation refuses such labels).
    CategoricalColumn before = sample.categorical("diag_1");
    int frequent = 0;
    for (int k = 0; k < before.counts().length; k++) {
      if (before.counts()[k] > before.counts()[frequent]) {
        frequent = k;
      }
    }
    String label = before.dictionary().get(frequent);
    RareCategories.Result r = RareCategories.apply(sample, 10, true, label);
    CategoricalColumn after = r.table().categorical("diag_1");
    assertEquals(1, after.dictionary().stream().filter(label::equals).count(),
        after.dictionary().toString());
    assertTrue(after.dictionary().stream().allMatch(before.dictionary()::contains),
        "no label the data did not have");
    long rareRows = 0;
    for (long n : before.counts()) {
      rareRows += n > 0 && n < 10 ? n : 0;
    }
    assertEquals(before.counts()[frequent] + rareRows, after.counts()[after.dictionary()
        .indexOf(label)]);
  }

  @Test
  void ordinalColumnsAndSuppressionSetRareLevelsMissing() {
    // 'weight' is ordinal and ~97% missing: its rare bands cannot merge into an unordered 'other'.
    RareCategories.Result merged = RareCategories.apply(sample, 10, true, "(other)");
    assertFalse(merged.table().categorical("weight").dictionary().contains("(other)"));
    assertTrue(merged.table().categorical("weight").missingCount()
        >= sample.categorical("weight").missingCount());
    RareCategories.Result suppressed = RareCategories.apply(sample, 10, false, "(other)");
    CategoricalColumn d = suppressed.table().categorical("diag_1");
    assertFalse(d.dictionary().contains("(other)"));
    assertTrue(d.missingCount() > sample.categorical("diag_1").missingCount());
  }

  @Test
  void controlIsOffWhenConfiguredOff() {
    RareCategories.Result r = RareCategories.apply(sample,
        new PrivacyConfig.Controls(10, "off", null, true));
    assertTrue(r.table() == sample && r.categoriesAffected() == 0);
  }

  @Test
  void exactCopiesOfTrainingRowsAreRemovedAndCounted() {
    PrivacyFixtures.Splits s = PrivacyFixtures.splits(800, 800);
    TrainingRowHashes hashes = TrainingRowHashes.of(s.training());
    Table mixed = Table.concat(List.of(s.training().head(37), s.holdout().head(100)));
    TrainingRowHashes.Filtered f = hashes.removeCopies(mixed);
    assertEquals(37, f.removed());
    assertEquals(100, f.kept().rowCount());
    assertTrue(hashes.copies(s.training(), 5));
    assertFalse(hashes.copies(s.holdout(), 5) && !s.holdout().equals(s.training()));
  }

  @Test
  void fingerprintsDependOnTheRunKeyNotJustTheRow() {
    PrivacyFixtures.Splits s = PrivacyFixtures.splits(100, 100);
    TrainingRowHashes a = TrainingRowHashes.of(s.training(), new byte[32]);
    byte[] other = new byte[32];
    other[0] = 1;
    TrainingRowHashes b = TrainingRowHashes.of(s.training(), other);
    assertEquals(0, a.removeCopies(s.holdout()).removed());
    assertEquals(100, a.removeCopies(s.training()).removed());
    assertEquals(100, b.removeCopies(s.training()).removed());
  }
}
