package oomlab.controller.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Median, 90th percentile and maximum of a set of durations, in µs, as the benchmarks print them.
 * Percentiles are nearest-rank over the sorted samples; no sample is dropped as an outlier (the
 * maximum is part of what a kernel engineer wants to see).
 */
public record Latency(int n, double medianUs, double p90Us, double maxUs) {
  public static Latency ofNanos(List<Long> nanos) {
    if (nanos.isEmpty()) return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
    long[] s = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(s);
    return new Latency(s.length, s[s.length / 2] / 1e3, s[Math.min(s.length - 1, (int) (s.length * 0.9))] / 1e3,
        s[s.length - 1] / 1e3);
  }

  /** {@code 12.3 / 45.6 / 789.0} (median / p90 / max, µs), or {@code -} without samples. */
  public String text() {
    if (n == 0) return "-";
    return String.format(java.util.Locale.ROOT, "%s / %s / %s", us(medianUs), us(p90Us), us(maxUs));
  }

  static String us(double v) {
    double m = Math.abs(v);
    return String.format(java.util.Locale.ROOT, m >= 1000 ? "%.0f" : m >= 10 ? "%.1f" : "%.2f", v);
  }
}
