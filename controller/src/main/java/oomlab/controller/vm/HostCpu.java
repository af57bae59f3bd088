package oomlab.controller.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host CPU's clock, which a TCG guest's TSC follows. */
final class HostCpu {
  private HostCpu() {}

  /** MHz from the first "cpu MHz" line of /proc/cpuinfo, or 0 when unknown. */
  static double mhz() {
    try {
      return parseMhz(Files.readString(Path.of("/proc/cpuinfo")));
    } catch (IOException e) {
      return 0;
    }
  }

  static double parseMhz(String cpuinfo) {
    return cpuinfo.lines().filter(l -> l.startsWith("cpu MHz")).findFirst()
        .map(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).strip())).orElse(0.0);
  }
}
