package org.synthehr.evaluator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.result.Interval;
import org.synthehr.core.stats.Auc;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

class AucTest {
  @Test
  void byHandWithTies() {
    boolean[] truth = {false, false, true, true};
    // Positives score 0.4 and 0.8; negatives 0.1 and 0.4: pairs (0.4,0.1) win, (0.4,0.4) ties,
    // (0.8,*) win: (1 + 0.5 + 1 + 1) / 4.
    assertEquals(0.875, Auc.of(truth, new double[] {0.1, 0.4, 0.4, 0.8}), 1e-12);
    assertEquals(Double.NaN, Auc.of(new boolean[] {true, true}, new double[] {0.1, 0.2}));
  }

  @Test
  void matchesTribuo() {
    SplittableRandom r = new SplittableRandom(1);
    boolean[] truth = new boolean[500];
    double[] score = new double[500];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = r.nextDouble() < 0.3;
      score[i] = Math.round((truth[i] ? 0.3 : 0) + r.nextDouble() * 10) / 10.0;
    }
    assertEquals(LabelEvaluationUtil.binaryAUCROC(truth, score), Auc.of(truth, score), 1e-12);
  }

  @Test
  void bootstrapIntervalIsSeededAndCoversTheFigure() {
    SplittableRandom r = new SplittableRandom(2);
    boolean[] truth = new boolean[400];
    double[] score = new double[400];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = r.nextBoolean();
      score[i] = (truth[i] ? 0.5 : 0) + r.nextDouble();
    }
    Bootstrap b = new Bootstrap(200, 0.95);
    Interval i1 = b.interval(400, 9, rows -> Auc.of(truth, score, rows));
    Interval i2 = b.interval(400, 9, rows -> Auc.of(truth, score, rows));
    assertEquals(i1, i2);
    double auc = Auc.of(truth, score);
    assertTrue(i1.low() < auc && auc < i1.high());
    assertTrue(i1.high() - i1.low() < 0.15);
    assertNull(new Bootstrap(0, 0.95).interval(400, 9, rows -> 1));
  }
}
