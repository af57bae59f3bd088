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
    return ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  public static Latency ofNanos(long[] nanos) {
    if (nanos.length == 0) return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new Latency(s.length, s[s.length / 2] / 1e3, s[Math.min(s.length - 1, (int) (s.length * 0.9))] / 1e3,
        s[s.length - 1] / 1e3);
  }

  /** {@code 12.3 / 45.6 / 789.0} (median / p90 / max, µs), or {@code -} without samples. */
  public String text() {
    if (n == 0) return "-";
    return String.format(java.util.Locale.ROOT, "%s / %s / %s", us(medianUs), us(p90Us), us(maxUs));
  }

  /** {@code this} over {@code baseline}, median and p90 (e.g. 1.08x, 1.30x); NaN without samples. */
  public record Ratio(double median, double p90) {
    public String text() {
      return String.format(java.util.Locale.ROOT, "%.2fx / %.2fx", median, p90);
    }
  }

  public Ratio over(Latency baseline) {
    return new Ratio(medianUs / baseline.medianUs, p90Us / baseline.p90Us);
  }

  static String us(double v) {
    double m = Math.abs(v);
    return String.format(java.util.Locale.ROOT, m >= 1000 ? "%.0f" : m >= 10 ? "%.1f" : "%.2f", v);
  }
}
