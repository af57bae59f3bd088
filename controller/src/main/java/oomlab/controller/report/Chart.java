package oomlab.controller.report;

import java.util.List;

/**
 * What one memory-over-time chart shows, before any SVG: lines of bytes over run time, and marks
 * (vertical lines with a short label) for the OOM events. Times are ns since the run's start, as in
 * {@code trace.jsonl}.
 *
 * @param title    e.g. {@code cgroup A/B}
 * @param series   the lines, drawn in order
 * @param marks    the events, drawn over the lines
 * @param endNs    the right end of the time axis
 * @param finishNs when {@code run_finished} came (later is teardown, shaded), or -1
 */
record Chart(String title, List<Series> series, List<Mark> marks, long endNs, long finishNs) {

  /** A point of a line: bytes at a time. */
  record Point(long tNs, long bytes) {}

  /**
   * One line.
   *
   * @param step   hold each value until the next point (allocation totals, limits) instead of joining linearly (samples)
   * @param dashed drawn dashed (a limit)
   * @param dots   a dot at every point (sparse samples, so a reader sees where the data is)
   */
  record Series(String name, String color, List<Point> points, boolean step, boolean dashed, boolean dots) {}

  /** The kinds of marks, each with its colour. */
  enum MarkKind {
    NOTIFIED("#d97706"), KILLED("#dc2626"), EXITED("#6b7280"), HANDLER("#2563eb"), BLOCKED("#7c3aed");

    final String color;

    MarkKind(String color) {
      this.color = color;
    }
  }

  /** A vertical mark at {@code tNs} labelled {@code label}. */
  record Mark(long tNs, MarkKind kind, String label) {}

  long maxBytes() {
    return series.stream().flatMap(s -> s.points().stream()).mapToLong(Point::bytes).max().orElse(0);
  }
}
