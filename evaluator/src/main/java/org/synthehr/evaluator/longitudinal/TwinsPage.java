package org.synthehr.evaluator.longitudinal;

import static org.synthehr.core.html.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.html.HouseStyle;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.evaluator.report.Svg;

/**
 * {@code twins.html}: one fan chart per patient and variable (the history as measured, then the
 * twins' median with their 50% and 80% bands), and per patient the share of twins with each
 * outcome. Self-contained (inline CSS and SVG), in the report's style.
 */
public final class TwinsPage {
  /** Patients charted; every patient is in the Parquet. */
  public static final int MAX_PATIENTS = 50;
  private static final int W = 300;
  private static final int H = 140;
  private static final int LEFT = 38;
  private static final int BOTTOM = 22;
  private static final int TOP = 18;

  private TwinsPage() {}

  /**
   * One step of a fan: the history's value, or the twins' quantiles.
   *
   * @param step the grid step
   * @param history the measured value (history steps), or null
   * @param quantiles the twins' 10/25/50/75/90th percentiles (future steps), or null
   * @param share the share of twins charting the variable at this step (future steps)
   */
  public record Point(int step, Double history, double[] quantiles, double share) {
    /** Whether enough twins chart the step for a band to mean something. */
    boolean banded() {
      return quantiles != null && share >= BAND_SHARE;
    }
  }

  /** Below this share of twins charting a step, its median is a dot and no band is drawn. */
  static final double BAND_SHARE = 0.2;

  /**
   * What the page shows.
   *
   * @param modelKind the model
   * @param label the outcome column, or null
   * @param positive the outcome value whose share the page headlines (e.g. death = 1), or null
   * @param stepMinutes minutes per step
   * @param steps steps in the window
   * @param samples futures per patient
   * @param variables the model's variables, in order
   * @param cuts each forecast patient's cut step
   * @param outcomes per patient, the number of twins with each outcome value
   * @param fans per patient (charted ones) and variable, the points in step order
   * @param setAside patients set aside, with their problems
   * @param scores calibration against the real continuation ({@code --score}), or empty
   */
  public record Input(String modelKind, String label, String positive, int stepMinutes, int steps, int samples,
      List<String> variables, Map<String, Integer> cuts, Map<String, Map<String, Integer>> outcomes,
      Map<String, Map<String, List<Point>>> fans, Map<String, List<String>> setAside,
      List<MetricResult> scores) {}

  /** The page. */
  public static String html(Input in) {
    StringBuilder out = new StringBuilder(200_000);
    out.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport'")
        .append(" content='width=device-width, initial-scale=1'><title>Digital twins</title><style>")
        .append(HouseStyle.css()).append("</style></head><body><header><div class='wrap'><h1>")
        .append("Digital twins: possible futures of ").append(Html.count(in.cuts().size()))
        .append(" patients</h1><div class='facts'><span><b>").append(in.samples())
        .append("</b> futures per patient</span><span><b>").append(esc(in.modelKind()))
        .append("</b> model</span><span><b>").append(Html.count(in.setAside().size()))
        .append("</b> set aside</span></div></div></header><main class='wrap'>");
    out.append("<section><p class='lead'>Each chart is one variable of one patient: the <b>history"
        + "</b> as measured (blue, up to the dashed line), then the twins' <b>median</b> (orange)"
        + " with the band holding the middle <b>50%</b> and the <b>80%</b> of the futures, where at"
        + " least 20% of the twins chart the variable (elsewhere their median is a dot: a rarely"
        + " measured value). The twins are samples from a"
        + " model, not predictions to act on: see the model's report for how well its futures"
        + " cover real ones.</p>").append(legend()).append("</section>");
    if (!in.scores().isEmpty()) {
      out.append("<section id='calibration'><h2>Calibration against the real continuation</h2>"
          + "<p class='lead'>The histories hold what happened after the cut; these figures say how"
          + " well the twins' spread covers it.</p><table class='metrics'><thead><tr><th>Figure"
          + "</th><th class='n'>Value</th><th class='n'>Baseline</th></tr></thead><tbody>");
      for (MetricResult m : in.scores()) {
        out.append("<tr><td><div class='name'>").append(esc(m.id())).append("</div><div"
            + " class='desc'>").append(esc(m.description())).append("</div></td><td class='n'>")
            .append(Html.num(m.value())).append("</td><td class='n'>").append(Html.num(
                m.baseline())).append("</td></tr>");
      }
      out.append("</tbody></table></section>");
    }
    if (!in.setAside().isEmpty()) {
      out.append("<section id='set-aside'><h2>Patients set aside</h2><p class='lead'>These"
          + " histories do not fit the model; the others were forecast.</p><table class='metrics'>"
          + "<thead><tr><th>Patient</th><th>Why</th></tr></thead><tbody>");
      in.setAside().forEach((id, ps) -> out.append("<tr><td>").append(esc(id))
          .append("</td><td>").append(esc(String.join("; ", ps))).append("</td></tr>"));
      out.append("</tbody></table></section>");
    }
    int shown = 0;
    for (Map.Entry<String, Map<String, List<Point>>> e : in.fans().entrySet()) {
      if (shown++ >= MAX_PATIENTS) {
        break;
      }
      patient(out, in, e.getKey(), e.getValue());
    }
    if (in.cuts().size() > MAX_PATIENTS) {
      out.append("<p class='muted'>The first ").append(MAX_PATIENTS).append(" patients are"
          + " charted; every patient's twins are in person/ and measurement/.</p>");
    }
    out.append("</main><footer class='wrap'>Futures in person/ and measurement/ next to this page"
        + " (one person per patient and twin, twin_index 0.."
        + (in.samples() - 1) + "). Charts are inline SVG: the page needs no network.</footer>"
        + "</body></html>\n");
    return out.toString();
  }

  private static void patient(StringBuilder out, Input in, String id,
      Map<String, List<Point>> fans) {
    int cut = in.cuts().getOrDefault(id, 0);
    out.append("<section class='patient' id='patient-").append(Html.anchor(id)).append("'><h2>")
        .append("Patient ").append(esc(id)).append("</h2><p>History until <b>")
        .append(hours(cut, in.stepMinutes())).append("</b>, futures to ")
        .append(hours(in.steps(), in.stepMinutes())).append(".");
    Map<String, Integer> outcome = in.outcomes().get(id);
    if (in.label() != null && outcome != null) {
      int total = outcome.values().stream().mapToInt(Integer::intValue).sum();
      if (in.positive() != null) {
        out.append(" <b>").append(esc(in.label())).append(" = ").append(esc(in.positive()))
            .append("</b> in <b>").append(Html.pct((double) outcome.getOrDefault(in.positive(), 0)
                / total)).append("</b> of the futures.");
      } else {
        out.append(" Outcome <b>").append(esc(in.label())).append("</b> in the futures:");
        outcome.forEach((v, n) -> out.append(' ').append(esc(v)).append(" in <b>")
            .append(Html.pct((double) n / total)).append("</b>"));
        out.append('.');
      }
    }
    out.append("</p><div class='twins'>");
    for (String variable : in.variables()) {
      List<Point> points = fans.get(variable);
      if (points != null && !points.isEmpty()) {
        out.append(chart(variable, points, cut, in.steps(), in.stepMinutes()));
      }
    }
    out.append("</div></section>");
  }

  private static String chart(String variable, List<Point> points, int cut, int steps,
      int stepMinutes) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      if (p.history() != null) {
        lo = Math.min(lo, p.history());
        hi = Math.max(hi, p.history());
      }
      if (p.quantiles() != null) {
        lo = Math.min(lo, p.quantiles()[0]);
        hi = Math.max(hi, p.quantiles()[4]);
      }
    }
    double pad = 0.08 * (hi - lo) + 1e-6;
    double[] range = {lo - pad, hi + pad};
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<figure><svg class='chart'"
        + " xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'"
        + " role='img' aria-label='%s'>", W, H, W, H, esc(variable)));
    s.append(String.format(Locale.ROOT, "<line class='grid' x1='%d' y1='%d' x2='%d' y2='%d'/>",
        LEFT, H - BOTTOM, W - 6, H - BOTTOM));
    s.append(String.format(Locale.ROOT, "<text x='2' y='%d'>%s</text><text x='2' y='%d'>%s"
        + "</text><text x='%d' y='%d'>0 h</text><text x='%d' y='%d' text-anchor='end'>%s</text>",
        TOP + 4, num(range[1]), H - BOTTOM, num(range[0]), LEFT, H - 6, W - 6, H - 6,
        hours(steps, stepMinutes)));
    double xc = x(cut, steps);
    s.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#98a2b3'"
        + " stroke-dasharray='3,3'/>", xc, TOP - 4, xc, H - BOTTOM));
    band(s, points, 0, 4, steps, range, 0.16);
    band(s, points, 1, 3, steps, range, 0.32);
    StringBuilder median = new StringBuilder();
    StringBuilder history = new StringBuilder();
    for (Point p : points) {
      if (p.banded()) {
        median.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.step(), steps),
            y(p.quantiles()[2], range)));
      } else if (p.quantiles() != null) {
        // Few twins chart it here (a rare lab): their median as a dot, no band.
        s.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='1.6' fill='%s'"
            + " fill-opacity='0.7'/>", x(p.step(), steps), y(p.quantiles()[2], range),
            Svg.SYNTHETIC));
      }
      if (p.history() != null) {
        history.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.step(), steps),
            y(p.history(), range)));
        s.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='1.8' fill='%s'/>",
            x(p.step(), steps), y(p.history(), range), Svg.REAL));
      }
    }
    if (history.length() > 0) {
      s.append("<polyline fill='none' stroke='").append(Svg.REAL).append("' stroke-width='1.2'")
          .append(" points='").append(history).append("'/>");
    }
    if (median.length() > 0) {
      s.append("<polyline fill='none' stroke='").append(Svg.SYNTHETIC)
          .append("' stroke-width='1.6' points='").append(median).append("'/>");
    }
    s.append(String.format(Locale.ROOT, "<text x='%d' y='12' font-weight='600'>%s</text>", LEFT,
        esc(variable)));
    return s.append("</svg></figure>").toString();
  }

  /** The band between two quantiles, over the runs of consecutive steps that have it. */
  private static void band(StringBuilder s, List<Point> points, int low, int high, int steps,
      double[] range, double opacity) {
    StringBuilder upper = new StringBuilder();
    StringBuilder lower = new StringBuilder();
    for (Point p : points) {
      if (!p.banded()) {
        continue;
      }
      upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.step(), steps),
          y(p.quantiles()[high], range)));
      lower.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x(p.step(), steps),
          y(p.quantiles()[low], range)));
    }
    if (upper.length() > 0) {
      s.append("<polygon stroke='none' fill='").append(Svg.SYNTHETIC).append("' fill-opacity='")
          .append(opacity).append("' points='").append(upper).append(lower).append("'/>");
    }
  }

  private static String legend() {
    return "<div class='legend'><span><i style='background:" + Svg.REAL + "'></i>history</span>"
        + "<span><i style='background:" + Svg.SYNTHETIC + "'></i>twins' median</span><span><i"
        + " style='background:" + Svg.SYNTHETIC + ";opacity:.45'></i>50% of futures</span><span>"
        + "<i style='background:" + Svg.SYNTHETIC + ";opacity:.2'></i>80% of futures</span></div>";
  }

  private static double x(int step, int steps) {
    return LEFT + (W - 6 - LEFT) * (step + 0.5) / steps;
  }

  private static double y(double v, double[] range) {
    return H - BOTTOM - (v - range[0]) / (range[1] - range[0]) * (H - BOTTOM - TOP);
  }

  private static String hours(int steps, int stepMinutes) {
    double h = steps * stepMinutes / 60.0;
    return h >= 72 ? String.format(Locale.ROOT, "%.0f days", h / 24)
        : String.format(Locale.ROOT, "%.0f h", h);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
  }
}
