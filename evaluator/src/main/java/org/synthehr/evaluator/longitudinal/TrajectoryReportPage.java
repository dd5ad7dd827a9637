package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.evaluator.report.GenericSection;
import org.synthehr.evaluator.report.HtmlReport;
import org.synthehr.evaluator.report.ReportSection;
import org.synthehr.evaluator.report.Svg;

/**
 * The longitudinal report as one self-contained HTML page (no scripts, no external files), built
 * from the tabular report's machinery and style ({@link HtmlReport}): the summary of headline
 * figures with their baselines and verdicts, a section per group, fan charts of real against
 * synthetic trajectories per variable (median and 10-90% band of the charted values at each step),
 * and digital twins of a few holdout patients (history, real continuation, twins' 10-90% band),
 * with the provenance in the footer.
 */
public final class TrajectoryReportPage {
  private static final int WIDTH = 340;
  private static final int HEIGHT = 170;
  private static final int PAD = 30;
  private static final int FANS = 12;
  private static final int TWIN_EXAMPLES = 4;

  private TrajectoryReportPage() {}

  /**
   * The page.
   *
   * @param report the report (metrics, summary, provenance)
   * @param real real patients (fan charts)
   * @param synthetic synthetic patients
   * @param twinPatients holdout patients with twins, or null
   * @param twins their twin samples, or null
   * @param cut first future step of the twins
   */
  public static String html(Report report, Cohort real, Cohort synthetic, Cohort twinPatients,
      List<Cohort> twins, int cut) {
    return HtmlReport.of(new Trajectories(real, synthetic),
        new Twins(real, twinPatients, twins, cut)).render(report);
  }

  /** The trajectory metrics with fan charts of real against synthetic values per variable. */
  private record Trajectories(Cohort real, Cohort synthetic) implements ReportSection {
    private static final List<String> HEADLINE = List.of("trajectory.discriminative",
        "trajectory.discriminative_logistic", DiscriminativeScore.GRID, "trajectory.marginals",
        "trajectory.predictive_mae");

    @Override
    public String title() {
      return "Trajectories";
    }

    @Override
    public boolean accepts(MetricResult m) {
      return m.id().startsWith("trajectory.");
    }

    @Override
    public List<MetricResult> headline(List<MetricResult> accepted) {
      return accepted.stream().filter(m -> HEADLINE.contains(m.id())).toList();
    }

    @Override
    public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
      GenericSection.table(accepted, out);
      out.append("<h3>Real (blue) and synthetic (orange) trajectories</h3><p class='lead'>"
          + "Median and 10-90% band of the charted values at each step, for the most often"
          + " charted variables; the numbers are the share of steps charted, real / synthetic."
          + "</p><div class='fans'>");
      for (int k : byRate(real)) {
        out.append("<div class='fan'>").append(fan(real, synthetic, k)).append("</div>");
      }
      out.append("</div>");
    }
  }

  /** The twins' calibration with a few holdout patients' twins charted. */
  private record Twins(Cohort real, Cohort patients, List<Cohort> twins, int cut)
      implements ReportSection {
    @Override
    public String title() {
      return "Digital twins";
    }

    @Override
    public boolean accepts(MetricResult m) {
      return m.id().startsWith("twins.");
    }

    @Override
    public List<MetricResult> headline(List<MetricResult> accepted) {
      return accepted;
    }

    @Override
    public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
      GenericSection.table(accepted, out);
      if (twins == null || patients == null || twins.isEmpty()) {
        return;
      }
      out.append("<h3>Digital twins of holdout patients</h3><p class='lead'>Black: charted"
          + " history; hollow: the real continuation (never shown to the model); green: 10-90%"
          + " band and median of ").append(twins.size()).append(" twins after step ").append(cut)
          .append(".</p><div class='fans'>");
      int k = byRate(real)[0];
      for (int p = 0; p < Math.min(TWIN_EXAMPLES, patients.size()); p++) {
        out.append("<div class='fan'>").append(twin(patients, twins, p, k, cut))
            .append("</div>");
      }
      out.append("</div>");
    }
  }

  private static int[] byRate(Cohort real) {
    Integer[] idx = new Integer[real.variables()];
    double[] rate = new double[real.variables()];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k;
      rate[k] = TrajectoryFidelity.rate(real, k, 0, real.steps());
    }
    Arrays.sort(idx, (a, b) -> Double.compare(rate[b], rate[a]));
    return Arrays.stream(idx).limit(FANS).mapToInt(Integer::intValue).toArray();
  }

  private static String fan(Cohort real, Cohort syn, int k) {
    double[][] r = bands(real, k);
    double[][] s = bands(syn, k);
    double[] range = range(r, s);
    StringBuilder svg = open();
    axes(svg, range, real.steps());
    band(svg, r, range, real.steps(), Svg.REAL, false);
    band(svg, s, range, real.steps(), Svg.SYNTHETIC, true);
    title(svg, String.format(Locale.ROOT, "%s (%.2f / %.2f)", TrajectoryFidelity.name(real, k),
        TrajectoryFidelity.rate(real, k, 0, real.steps()),
        TrajectoryFidelity.rate(syn, k, 0, syn.steps())));
    return svg.append("</svg>").toString();
  }

  private static String twin(Cohort patients, List<Cohort> twins, int p, int k, int cut) {
    int steps = patients.steps();
    double[][] band = new double[3][steps];
    for (double[] row : band) {
      Arrays.fill(row, Double.NaN);
    }
    for (int t = cut; t < steps; t++) {
      List<Double> v = new ArrayList<>();
      for (Cohort twin : twins) {
        double s = TwinScores.state(twin, p, t, k);
        if (!Double.isNaN(s)) {
          v.add(s);
        }
      }
      if (v.size() >= 3) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // The band is the interval twins.coverage scores, so the picture and the figure agree.
        band[0][t] = TwinScores.predictionBound(a, 0.1);
        band[1][t] = TwinScores.predictionBound(a, 0.5);
        band[2][t] = TwinScores.predictionBound(a, 0.9);
      }
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < steps; t++) {
      float v = patients.value(p, t, k);
      if (!Float.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (!Double.isNaN(band[0][t])) {
        lo = Math.min(lo, band[0][t]);
        hi = Math.max(hi, band[2][t]);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    double[] range = {lo - 0.05 * (hi - lo + 1e-9), hi + 0.05 * (hi - lo + 1e-9)};
    StringBuilder svg = open();
    axes(svg, range, steps);
    double[][] asBands = {band[0], band[1], band[2]};
    band(svg, asBands, range, steps, "#2ca02c", false);
    double xc = x(cut, steps);
    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
        + "stroke=\"#999\" stroke-dasharray=\"3,3\"/>", xc, PAD / 2, xc, HEIGHT - PAD));
    for (int t = 0; t < steps; t++) {
      float v = patients.value(p, t, k);
      if (!Float.isNaN(v)) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" %s/>",
            x(t, steps), y(v, range), t < cut ? "fill=\"#000\""
                : "fill=\"none\" stroke=\"#000\""));
      }
    }
    title(svg, "holdout patient " + (p + 1) + ": " + TrajectoryFidelity.name(patients, k));
    return svg.append("</svg>").toString();
  }

  /** Per step: 10%, 50% and 90% quantiles of the charted values (NaN with fewer than 5). */
  private static double[][] bands(Cohort c, int k) {
    double[][] b = new double[3][c.steps()];
    for (int t = 0; t < c.steps(); t++) {
      double[] v = TrajectoryFidelity.values(c, k, t, t + 1);
      Arrays.sort(v);
      for (int q = 0; q < 3; q++) {
        b[q][t] = v.length < 5 ? Double.NaN : TwinScores.quantile(v, new double[] {0.1, 0.5,
            0.9}[q]);
      }
    }
    return b;
  }

  private static double[] range(double[][] a, double[][] b) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[][] x : new double[][][] {a, b}) {
      for (double v : x[0]) {
        lo = Double.isNaN(v) ? lo : Math.min(lo, v);
      }
      for (double v : x[2]) {
        hi = Double.isNaN(v) ? hi : Math.max(hi, v);
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    double pad = 0.05 * (hi - lo + 1e-9);
    return new double[] {lo - pad, hi + pad};
  }

  private static StringBuilder open() {
    return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
        + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"10\">", WIDTH, HEIGHT,
        WIDTH, HEIGHT));
  }

  private static void axes(StringBuilder svg, double[] range, int steps) {
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#444\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
        PAD, HEIGHT - PAD, WIDTH - 5, HEIGHT - PAD, PAD, PAD / 2, PAD, HEIGHT - PAD));
    svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%s</text><text x=\"2\" y=\"%d\">"
        + "%s</text><text x=\"%d\" y=\"%d\">step</text><text x=\"%d\" y=\"%d\">%d</text>",
        PAD / 2 + 8, short3(range[1]), HEIGHT - PAD, short3(range[0]), WIDTH / 2, HEIGHT - 8,
        WIDTH - 20, HEIGHT - PAD + 12, steps));
  }

  private static void band(StringBuilder svg, double[][] b, double[] range, int steps,
      String colour, boolean dashed) {
    StringBuilder poly = new StringBuilder();
    for (int t = 0; t < steps; t++) {
      if (!Double.isNaN(b[2][t])) {
        poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(t, steps), y(b[2][t], range)));
      }
    }
    for (int t = steps - 1; t >= 0; t--) {
      if (!Double.isNaN(b[0][t])) {
        poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(t, steps), y(b[0][t], range)));
      }
    }
    if (poly.length() > 0) {
      svg.append("<polygon points=\"").append(poly).append("\" fill=\"").append(colour)
          .append("\" fill-opacity=\"0.18\" stroke=\"none\"/>");
    }
    StringBuilder line = new StringBuilder();
    for (int t = 0; t < steps; t++) {
      if (!Double.isNaN(b[1][t])) {
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(t, steps), y(b[1][t], range)));
      }
    }
    if (line.length() > 0) {
      svg.append("<polyline points=\"").append(line).append("\" fill=\"none\" stroke=\"")
          .append(colour).append("\" stroke-width=\"1.6\"")
          .append(dashed ? " stroke-dasharray=\"4,2\"" : "").append("/>");
    }
  }

  private static void title(StringBuilder svg, String text) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"11\" font-weight=\"bold\">%s</text>",
        PAD + 4, esc(text)));
  }

  private static double x(int t, int steps) {
    return PAD + (double) t / Math.max(1, steps - 1) * (WIDTH - PAD - 10);
  }

  private static double y(double v, double[] range) {
    return HEIGHT - PAD - (v - range[0]) / (range[1] - range[0]) * (HEIGHT - 1.5 * PAD);
  }

  private static String short3(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2g", v);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
