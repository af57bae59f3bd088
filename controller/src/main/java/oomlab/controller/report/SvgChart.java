package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;
import static oomlab.controller.report.Html.num;

import java.util.List;

/**
 * Renders a {@link Chart} as inline SVG: bytes (MiB) up, run time (ms) across, grid lines at round
 * values, each series a polyline, each mark a vertical line with its label in one of three rows
 * above the plot (marks of one OOM come within a few ms of each other: staggered rows keep their
 * labels legible). Teardown after {@code run_finished} is shaded. No script, no external reference.
 */
final class SvgChart {
  static final int WIDTH = 760;
  static final int HEIGHT = 250;
  private static final int LEFT = 66;
  private static final int RIGHT = 14;
  private static final int TOP = 44;
  private static final int BOTTOM = 30;
  private static final int LABEL_ROWS = 3;
  private static final long MIB = 1024 * 1024;

  private final Chart chart;
  private final long xMax;
  private final long yMax;
  private final long yStep;

  private SvgChart(Chart chart) {
    this.chart = chart;
    this.xMax = Math.max(chart.endNs(), 1);
    this.yStep = niceStep(Math.max(chart.maxBytes(), MIB), 5, MIB);
    this.yMax = ((Math.max(chart.maxBytes(), MIB) + yStep / 8) / yStep + 1) * yStep;
  }

  static String render(Chart chart) {
    return new SvgChart(chart).svg();
  }

  private String svg() {
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\"><title>").append(escape(chart.title())).append("</title>");
    teardown(sb);
    grid(sb);
    for (Chart.Series s : chart.series()) series(sb, s);
    marks(sb);
    sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth())
        .append("\" height=\"").append(plotHeight()).append("\" fill=\"none\" stroke=\"#9ca3af\"/>");
    sb.append("</svg>");
    return sb.toString();
  }

  private void teardown(StringBuilder sb) {
    if (chart.finishNs() < 0 || chart.finishNs() >= xMax) return;
    double x = x(chart.finishNs());
    sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(num(LEFT + plotWidth() - x)).append("\" height=\"").append(plotHeight())
        .append("\" fill=\"#f3f4f6\"><title>after run_finished: teardown, not part of the outcome</title></rect>");
  }

  private void grid(StringBuilder sb) {
    for (long v = 0; v <= yMax; v += yStep) {
      double y = y(v);
      sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth()).append("\" y1=\"").append(num(y))
          .append("\" y2=\"").append(num(y)).append("\" stroke=\"#e5e7eb\"/>");
      sb.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
          .append("\" text-anchor=\"end\" class=\"axis\">").append(v / MIB).append(" MiB</text>");
    }
    long xStep = niceStep(xMax, 8, 1_000_000L);
    for (long t = 0; t <= xMax; t += xStep) {
      double x = x(t);
      sb.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(TOP)
          .append("\" y2=\"").append(TOP + plotHeight()).append("\" stroke=\"#f3f4f6\"/>");
      sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
          .append("\" text-anchor=\"middle\" class=\"axis\">").append(t / 1_000_000L).append(" ms</text>");
    }
  }

  private void series(StringBuilder sb, Chart.Series s) {
    List<Chart.Point> pts = s.points();
    if (pts.isEmpty()) return;
    StringBuilder path = new StringBuilder();
    Chart.Point prev = null;
    for (Chart.Point p : pts) {
      if (s.step() && prev != null) path.append(num(x(p.tNs()))).append(',').append(num(y(prev.bytes()))).append(' ');
      path.append(num(x(p.tNs()))).append(',').append(num(y(p.bytes()))).append(' ');
      prev = p;
    }
    sb.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"")
        .append(s.dashed() ? "1.5" : "2").append('"').append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "")
        .append(" points=\"").append(path.toString().trim()).append("\"><title>").append(escape(s.name()))
        .append("</title></polyline>");
    if (s.dots()) {
      for (Chart.Point p : pts) {
        sb.append("<circle cx=\"").append(num(x(p.tNs()))).append("\" cy=\"").append(num(y(p.bytes())))
            .append("\" r=\"2.5\" fill=\"").append(s.color()).append("\"><title>").append(escape(s.name())).append(' ')
            .append(Html.bytes(p.bytes())).append(" at ").append(Html.ms(p.tNs())).append("</title></circle>");
      }
    }
  }

  private void marks(StringBuilder sb) {
    int row = 0;
    for (Chart.Mark m : chart.marks()) {
      double x = x(m.tNs());
      String color = m.kind().color;
      sb.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(TOP - 4)
          .append("\" y2=\"").append(TOP + plotHeight()).append("\" stroke=\"").append(color)
          .append("\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"><title>").append(escape(m.label())).append(" at ")
          .append(Html.ms(m.tNs())).append("</title></line>");
      boolean rightHalf = x > LEFT + plotWidth() * 0.6;
      sb.append("<text x=\"").append(num(rightHalf ? x - 3 : x + 3)).append("\" y=\"").append(12 + 11 * row)
          .append("\" text-anchor=\"").append(rightHalf ? "end" : "start").append("\" class=\"mark\" fill=\"")
          .append(color).append("\">").append(escape(m.label())).append("</text>");
      row = (row + 1) % LABEL_ROWS;
    }
  }

  private int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private double x(long tNs) {
    return LEFT + (double) Math.min(Math.max(tNs, 0), xMax) / xMax * plotWidth();
  }

  private double y(long bytes) {
    return TOP + (1 - (double) Math.max(bytes, 0) / yMax) * plotHeight();
  }

  /** The smallest of unit x {1, 2, 5} x 10^k (or powers of two of MiB) giving at most {@code ticks} steps over {@code range}. */
  static long niceStep(long range, int ticks, long unit) {
    long[] factors = unit == MIB ? new long[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096}
        : new long[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000};
    for (long f : factors) {
      if (range / (f * unit) < ticks) return f * unit;
    }
    return factors[factors.length - 1] * unit * Math.max(1, range / (factors[factors.length - 1] * unit * ticks));
  }
}
