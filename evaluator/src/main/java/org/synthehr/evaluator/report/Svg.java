package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.List;
import java.util.Locale;
import org.synthehr.core.html.Html;

/**
 * Inline SVG charts for the report, drawn from numbers only (no script, no external resources), so
 * the report renders the same offline in any browser. Hovering a bar, cell or point shows its exact
 * figure (SVG {@code <title>}).
 */
public final class Svg {
  /** Colour of real data. */
  public static final String REAL = "#2f6db5";
  /** Colour of synthetic data. */
  public static final String SYNTHETIC = "#e07b29";
  /** Colour of the holdout (baseline) data. */
  public static final String HOLDOUT = "#333333";

  private Svg() {}

  /**
   * One series of a bar chart.
   *
   * @param name legend name
   * @param color fill colour
   * @param values one value per label
   * @param marker draw as a tick mark instead of a bar (for the baseline)
   */
  public record Series(String name, String color, double[] values, boolean marker) {}

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pctLabel(double v) {
    return v >= 0.1 || v == 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * v)
        : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Vertical bars per label (a histogram), shares on the y axis. */
  public static String columnChart(List<String> labels, List<Series> series, int width) {
    int height = 200;
    int left = 38;
    int right = 8;
    int top = 8;
    int n = Math.max(1, labels.size());
    boolean rotate = n > 10 || labels.stream().mapToInt(String::length).max().orElse(0) * n > 60;
    int bottom = rotate ? 64 : 22;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    double rawMax = maxValue(series) > 0 ? maxValue(series) : 1;
    double yStep = step(rawMax, 4);
    double max = Math.ceil(rawMax / yStep - 1e-9) * yStep;
    StringBuilder s = new StringBuilder();
    s.append(open(width, height, "histogram"));
    grid(s, left, top, plotW, plotH, max, yStep);
    List<Series> bars = series.stream().filter(x -> !x.marker).toList();
    double slot = plotW / n;
    double barW = Math.max(1, (slot * 0.84) / Math.max(1, bars.size()));
    int step = Math.max(1, (int) Math.ceil(n / (plotW / 13.0)));
    for (int i = 0; i < n; i++) {
      double x0 = left + i * slot + slot * 0.08;
      for (int b = 0; b < bars.size(); b++) {
        Series ser = bars.get(b);
        double v = i < ser.values.length ? ser.values[i] : 0;
        double h = plotH * v / max;
        s.append("<rect x='").append(f(x0 + b * barW)).append("' y='").append(f(top + plotH - h))
            .append("' width='").append(f(Math.max(0.8, barW - 0.6))).append("' height='")
            .append(f(h)).append("' fill='").append(ser.color).append("'><title>")
            .append(esc(labels.get(i) + " · " + ser.name + ": " + Html.pct(v)))
            .append("</title></rect>");
      }
      for (Series ser : series) {
        if (ser.marker && i < ser.values.length) {
          double y = top + plotH - plotH * ser.values[i] / max;
          s.append("<line x1='").append(f(x0 - 1)).append("' x2='").append(f(x0 + slot * 0.84 + 1))
              .append("' y1='").append(f(y)).append("' y2='").append(f(y)).append("' stroke='")
              .append(ser.color).append("' stroke-width='1.6'><title>")
              .append(esc(labels.get(i) + " · " + ser.name + ": " + Html.pct(ser.values[i])))
              .append("</title></line>");
        }
      }
      if (i % step == 0) {
        double cx = left + i * slot + slot / 2;
        String text = esc(shorten(labels.get(i), rotate ? 14 : 12));
        if (rotate) {
          s.append("<text class='tick' text-anchor='end' transform='translate(").append(f(cx + 3))
              .append(",").append(f(top + plotH + 8)).append(") rotate(-45)'>").append(text)
              .append("</text>");
        } else {
          s.append("<text class='tick' text-anchor='middle' x='").append(f(cx)).append("' y='")
              .append(f(top + plotH + 14)).append("'>").append(text).append("</text>");
        }
      }
    }
    s.append("</svg>");
    return s.toString();
  }

  /** Horizontal bars per label (categories, importances), values on the x axis. */
  public static String barChart(List<String> labels, List<Series> series, int width,
      boolean shares) {
    int n = labels.size();
    List<Series> bars = series.stream().filter(x -> !x.marker).toList();
    int row = 6 + 7 * Math.max(1, bars.size());
    int left = 128;
    int top = 4;
    int bottom = 20;
    int height = top + n * row + bottom;
    double plotW = width - left - 24;
    double rawMax = Math.max(0, maxValue(series));
    double rawMin = shares ? 0 : Math.min(0, minValue(series));
    if (rawMax - rawMin <= 0) {
      rawMax = rawMin + (shares ? 1 : 0.01);
    }
    double xStep = step(rawMax - rawMin, 4);
    double max = Math.ceil(rawMax / xStep - 1e-9) * xStep;
    double min = Math.floor(rawMin / xStep + 1e-9) * xStep;
    if (max <= min) {
      max = min + xStep;
    }
    StringBuilder s = new StringBuilder();
    s.append(open(width, height, "bar chart"));
    int lines = (int) Math.round((max - min) / xStep);
    for (int g = 0; g <= lines; g++) {
      double v = min + xStep * g;
      double x = left + plotW * (v - min) / (max - min);
      s.append("<line class='grid' x1='").append(f(x)).append("' x2='").append(f(x))
          .append("' y1='").append(top).append("' y2='").append(f(top + n * row)).append("'/>");
      s.append("<text class='tick' text-anchor='middle' x='").append(f(x)).append("' y='")
          .append(f(top + n * row + 13)).append("'>")
          .append(shares ? pctLabel(v) : tickLabel(v, xStep)).append("</text>");
    }
    double zero = left + plotW * (0 - min) / (max - min);
    for (int i = 0; i < n; i++) {
      double y0 = top + i * row + 3;
      s.append("<text class='tick' text-anchor='end' x='").append(left - 6).append("' y='")
          .append(f(y0 + row / 2.0 + 1)).append("'>").append(esc(shorten(labels.get(i), 22)))
          .append("<title>").append(esc(labels.get(i))).append("</title></text>");
      for (int b = 0; b < bars.size(); b++) {
        Series ser = bars.get(b);
        double v = ser.values[i];
        double x = left + plotW * (v - min) / (max - min);
        s.append("<rect x='").append(f(Math.min(zero, x))).append("' y='").append(f(y0 + b * 7))
            .append("' width='").append(f(Math.max(0.8, Math.abs(x - zero)))).append("' height='6'")
            .append(" fill='").append(ser.color).append("'><title>")
            .append(esc(labels.get(i) + " · " + ser.name + ": "
                + (shares ? Html.pct(v) : Html.num(v)))).append("</title></rect>");
      }
      for (Series ser : series) {
        if (ser.marker) {
          double x = left + plotW * (ser.values[i] - min) / (max - min);
          s.append("<line x1='").append(f(x)).append("' x2='").append(f(x)).append("' y1='")
              .append(f(y0 - 1)).append("' y2='").append(f(y0 + 7 * bars.size())).append("'")
              .append(" stroke='").append(ser.color).append("' stroke-width='1.6'><title>")
              .append(esc(labels.get(i) + " · " + ser.name + ": "
                  + (shares ? Html.pct(ser.values[i]) : Html.num(ser.values[i]))))
              .append("</title></line>");
        }
      }
    }
    s.append("</svg>");
    return s.toString();
  }

  /**
   * A heatmap of a square matrix with column names on both axes.
   *
   * @param lo value of the first palette end
   * @param hi value of the last palette end
   * @param diverging blue-white-red around the midpoint, else white-to-red
   */
  public static String heatmap(List<String> names, double[][] m, double lo, double hi,
      boolean diverging, String caption) {
    int n = names.size();
    double cell = Math.max(9, Math.min(18, 330.0 / Math.max(1, n)));
    int label = n > 30 ? 92 : 112;
    double size = cell * n;
    int width = (int) Math.ceil(label + size + 10);
    int height = (int) Math.ceil(label + size + 30);
    StringBuilder s = new StringBuilder();
    s.append(open(width, height, caption));
    for (int i = 0; i < n; i++) {
      String name = esc(shorten(names.get(i), 16));
      s.append("<text class='tick small' text-anchor='end' x='").append(label - 4).append("' y='")
          .append(f(label + i * cell + cell * 0.72)).append("'>").append(name).append("</text>");
      s.append("<text class='tick small' text-anchor='start' transform='translate(")
          .append(f(label + i * cell + cell * 0.7)).append(",").append(label - 4)
          .append(") rotate(-60)'>").append(name).append("</text>");
      for (int j = 0; j < n; j++) {
        double v = m[i][j];
        s.append("<rect x='").append(f(label + j * cell)).append("' y='")
            .append(f(label + i * cell)).append("' width='").append(f(cell)).append("' height='")
            .append(f(cell)).append("' fill='").append(color(v, lo, hi, diverging))
            .append("'><title>").append(esc(names.get(i) + " × " + names.get(j) + ": "
                + Html.num(v))).append("</title></rect>");
      }
    }
    double ly = label + size + 10;
    double lw = Math.min(size, 200);
    for (int k = 0; k < 20; k++) {
      double v = lo + (hi - lo) * k / 19.0;
      s.append("<rect x='").append(f(label + lw * k / 20)).append("' y='").append(f(ly))
          .append("' width='").append(f(lw / 20 + 0.5)).append("' height='8' fill='")
          .append(color(v, lo, hi, diverging)).append("'/>");
    }
    s.append("<text class='tick small' x='").append(label).append("' y='").append(f(ly + 18))
        .append("'>").append(Html.num(lo)).append("</text>");
    s.append("<text class='tick small' text-anchor='end' x='").append(f(label + lw))
        .append("' y='").append(f(ly + 18)).append("'>").append(Html.num(hi)).append("</text>");
    s.append("</svg>");
    return s.toString();
  }

  /** A colour for a value in [lo, hi]. */
  static String color(double v, double lo, double hi, boolean diverging) {
    if (Double.isNaN(v)) {
      return "#dddddd";
    }
    double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    int r;
    int g;
    int b;
    if (diverging) {
      if (t < 0.5) {
        double u = t / 0.5;
        r = (int) (33 + (247 - 33) * u);
        g = (int) (102 + (247 - 102) * u);
        b = (int) (172 + (247 - 172) * u);
      } else {
        double u = (t - 0.5) / 0.5;
        r = (int) (247 + (178 - 247) * u);
        g = (int) (247 + (24 - 247) * u);
        b = (int) (247 + (43 - 247) * u);
      }
    } else {
      r = (int) (255 + (165 - 255) * t);
      g = (int) (247 + (15 - 247) * t);
      b = (int) (236 + (21 - 236) * t);
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  /**
   * One row of a dot-and-whisker chart.
   *
   * @param label row label
   * @param value the dot
   * @param low whisker start (NaN for none)
   * @param high whisker end
   * @param color colour
   */
  public record Point(String label, double value, double low, double high, String color) {}

  /** Dots with interval whiskers on a shared axis from lo to hi, with an optional reference line. */
  public static String dotWhisker(List<Point> points, double lo, double hi, double reference,
      String referenceLabel, int width) {
    int row = 22;
    int left = 170;
    int top = 6;
    int height = top + row * points.size() + 26;
    double plotW = width - left - 16;
    StringBuilder s = new StringBuilder();
    s.append(open(width, height, "intervals"));
    double tick = step(hi - lo, 6);
    for (double v = Math.ceil(lo / tick - 1e-9) * tick; v <= hi + 1e-9; v += tick) {
      double x = left + plotW * (v - lo) / (hi - lo);
      s.append("<line class='grid' x1='").append(f(x)).append("' x2='").append(f(x))
          .append("' y1='").append(top).append("' y2='").append(top + row * points.size())
          .append("'/><text class='tick' text-anchor='middle' x='").append(f(x)).append("' y='")
          .append(top + row * points.size() + 14).append("'>").append(tickLabel(v, tick))
          .append("</text>");
    }
    if (!Double.isNaN(reference)) {
      double x = left + plotW * (reference - lo) / (hi - lo);
      s.append("<line x1='").append(f(x)).append("' x2='").append(f(x)).append("' y1='")
          .append(top).append("' y2='").append(top + row * points.size())
          .append("' stroke='#888' stroke-dasharray='4 3'/><text class='tick small' x='")
          .append(f(x + 3)).append("' y='").append(top + row * points.size() + 24).append("'>")
          .append(esc(referenceLabel)).append("</text>");
    }
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double y = top + row * i + row / 2.0;
      s.append("<text class='tick' text-anchor='end' x='").append(left - 8).append("' y='")
          .append(f(y + 4)).append("'>").append(esc(p.label)).append("</text>");
      if (!Double.isNaN(p.low)) {
        double x1 = left + plotW * clamp((p.low - lo) / (hi - lo));
        double x2 = left + plotW * clamp((p.high - lo) / (hi - lo));
        s.append("<line x1='").append(f(x1)).append("' x2='").append(f(x2)).append("' y1='")
            .append(f(y)).append("' y2='").append(f(y)).append("' stroke='").append(p.color)
            .append("' stroke-width='2'/>");
        for (double x : new double[] {x1, x2}) {
          s.append("<line x1='").append(f(x)).append("' x2='").append(f(x)).append("' y1='")
              .append(f(y - 4)).append("' y2='").append(f(y + 4)).append("' stroke='")
              .append(p.color).append("' stroke-width='2'/>");
        }
      }
      double x = left + plotW * clamp((p.value - lo) / (hi - lo));
      s.append("<circle cx='").append(f(x)).append("' cy='").append(f(y)).append("' r='5' fill='")
          .append(p.color).append("'><title>").append(esc(p.label + ": " + Html.num(p.value)
              + (Double.isNaN(p.low) ? "" : " [" + Html.num(p.low) + ", " + Html.num(p.high)
                  + "]"))).append("</title></circle>");
    }
    s.append("</svg>");
    return s.toString();
  }

  /** A tick value with as many decimals as its step needs. */
  static String tickLabel(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (step * Math.pow(10, decimals) % 1 > 1e-6) {
      decimals++;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 1e6 ? 0 : v);
  }

  private static double clamp(double t) {
    return Math.max(0, Math.min(1, t));
  }

  /**
   * Curves over x in [0, 1] with the diagonal y = x as the ideal.
   *
   * @param dashed per series whether to draw it dashed
   */
  public static String curves(double[] x, List<Series> series, String xLabel, int width) {
    int height = 200;
    int left = 36;
    int top = 8;
    int bottom = 34;
    double plotW = width - left - 10;
    double plotH = height - top - bottom;
    StringBuilder s = new StringBuilder();
    s.append(open(width, height, "curves"));
    for (int g = 0; g <= 4; g++) {
      double v = g / 4.0;
      double yy = top + plotH * (1 - v);
      double xx = left + plotW * v;
      s.append("<line class='grid' x1='").append(left).append("' x2='").append(f(left + plotW))
          .append("' y1='").append(f(yy)).append("' y2='").append(f(yy)).append("'/>");
      s.append("<text class='tick' text-anchor='end' x='").append(left - 4).append("' y='")
          .append(f(yy + 4)).append("'>").append(String.format(Locale.ROOT, "%.2f", v))
          .append("</text>");
      s.append("<text class='tick' text-anchor='middle' x='").append(f(xx)).append("' y='")
          .append(f(top + plotH + 14)).append("'>").append(String.format(Locale.ROOT, "%.2f", v))
          .append("</text>");
    }
    s.append("<text class='tick' text-anchor='middle' x='").append(f(left + plotW / 2))
        .append("' y='").append(height - 4).append("'>").append(esc(xLabel)).append("</text>");
    s.append("<line x1='").append(left).append("' y1='").append(f(top + plotH)).append("' x2='")
        .append(f(left + plotW)).append("' y2='").append(top).append("' stroke='#bbb'")
        .append(" stroke-dasharray='3 3'/>");
    for (Series ser : series) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < x.length && i < ser.values.length; i++) {
        pts.append(f(left + plotW * x[i])).append(',')
            .append(f(top + plotH * (1 - ser.values[i]))).append(' ');
      }
      s.append("<polyline fill='none' stroke='").append(ser.color).append("' stroke-width='2'")
          .append(ser.marker ? " stroke-dasharray='5 3'" : "").append(" points='")
          .append(pts.toString().trim()).append("'><title>").append(esc(ser.name))
          .append("</title></polyline>");
    }
    s.append("</svg>");
    return s.toString();
  }

  private static String open(int width, int height, String label) {
    return "<svg xmlns='http://www.w3.org/2000/svg' class='chart' role='img' aria-label='"
        + esc(label) + "' width='" + width + "' height='" + height + "' viewBox='0 0 " + width
        + " " + height + "'>";
  }

  private static void grid(StringBuilder s, int left, int top, double plotW, double plotH,
      double max, double step) {
    int lines = (int) Math.round(max / step);
    for (int g = 0; g <= lines; g++) {
      double v = step * g;
      double y = top + plotH - plotH * v / max;
      s.append("<line class='grid' x1='").append(left).append("' x2='").append(f(left + plotW))
          .append("' y1='").append(f(y)).append("' y2='").append(f(y)).append("'/>");
      s.append("<text class='tick' text-anchor='end' x='").append(left - 4).append("' y='")
          .append(f(y + 4)).append("'>").append(pctLabel(v)).append("</text>");
    }
  }

  /** A round tick step giving about {@code target} intervals over a range. */
  static double step(double range, int target) {
    if (!(range > 0)) {
      return 1;
    }
    double raw = range / target;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= raw * 0.999) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  private static double maxValue(List<Series> series) {
    double max = 0;
    for (Series s : series) {
      for (double v : s.values) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    return max;
  }

  private static double minValue(List<Series> series) {
    double min = 0;
    for (Series s : series) {
      for (double v : s.values) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
        }
      }
    }
    return min;
  }
}
