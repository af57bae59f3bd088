package oomlab.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's load averages ({@code /proc/loadavg}: 1, 5, 15 min) as printed beside a benchmark's
 * figures: on a shared machine a ratio means little without the load it was measured under.
 */
final class HostLoad {
  private HostLoad() {}

  /** {@code "1.73 0.88 0.34"}, or {@code "?"} when /proc/loadavg cannot be read. */
  static String now() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
