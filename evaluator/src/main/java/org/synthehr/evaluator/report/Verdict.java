package org.synthehr.evaluator.report;

import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;

/**
 * How a figure compares with its real-data baseline, for the summary chips: "as real" when the
 * baseline is inside the figure's interval or within a small tolerance, "better", or "worse" (and
 * "much worse" beyond a larger gap).
 */
enum Verdict {
  AS_REAL("as real", "ok"),
  BETTER("better", "ok"),
  WORSE("worse", "warn"),
  MUCH_WORSE("much worse", "bad"),
  NONE("", "");

  private final String text;
  private final String css;

  Verdict(String text, String css) {
    this.text = text;
    this.css = css;
  }

  String chip() {
    return this == NONE ? "" : "<span class='chip " + css + "'>" + text + "</span>";
  }

  static Verdict of(MetricResult m) {
    if (m.baseline() == null || Double.isNaN(m.value()) || m.baseline().isNaN()) {
      return NONE;
    }
    double b = m.baseline();
    double v = m.value();
    if (m.interval() != null && m.interval().low() <= b && b <= m.interval().high()) {
      return AS_REAL;
    }
    double scale = Math.max(0.05, Math.abs(b));
    double gain = m.direction() == Direction.LOWER_IS_BETTER ? b - v
        : m.direction() == Direction.HIGHER_IS_BETTER ? v - b : -Math.abs(v - b);
    if (Math.abs(v - b) <= 0.01 * scale + 0.002) {
      return AS_REAL;
    }
    if (gain > 0) {
      return BETTER;
    }
    return -gain > 0.1 * scale + 0.02 ? MUCH_WORSE : WORSE;
  }
}
