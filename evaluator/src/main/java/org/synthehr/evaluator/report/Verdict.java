package org.synthehr.evaluator.report;

import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;

/**
 * How a figure compares with its real-data baseline, for the summary chips: "as real" when the
 * baseline is inside the figure's interval or within a small tolerance, "better", or "worse" (and
 * "much worse" beyond a larger gap). When the figure was also measured on as many synthetic rows as
 * the holdout has ({@code at_holdout_size} in its details), that like-for-like figure is compared.
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

  /** The figure to hold against the baseline: at holdout size when measured, else the value. */
  static double comparable(MetricResult m) {
    Object matched = m.details().get("at_holdout_size");
    return matched instanceof Number n ? n.doubleValue() : m.value();
  }

  static Verdict of(MetricResult m) {
    if (m.baseline() == null || Double.isNaN(m.value()) || m.baseline().isNaN()) {
      return NONE;
    }
    double b = m.baseline();
    double v = comparable(m);
    if (m.interval() != null && m.interval().low() <= b && b <= m.interval().high()) {
      return AS_REAL;
    }
    double scale = Math.max(0.05, Math.abs(b));
    double gain = m.direction() == Direction.LOWER_IS_BETTER ? b - v
        : m.direction() == Direction.HIGHER_IS_BETTER ? v - b : -Math.abs(v - b);
    if (Math.abs(v - b) <= 0.02 * scale + 0.005) {
      return AS_REAL;
    }
    if (gain > 0) {
      return BETTER;
    }
    return -gain > 0.1 * scale + 0.02 ? MUCH_WORSE : WORSE;
  }
}
