package oomlab.bindings;

import java.util.LinkedHashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The facts about a machine that a report needs beside its results: which kernel and operating
 * system, how much memory and swap (swap changes what an OOM looks like), which CPU and how many
 * (races need two; a TCG guest keeps about one busy).
 */
public record HostFacts(String kernelRelease, String os, String cpuModel, int physicalCpus, int logicalCpus, long memoryBytes,
                        long swapBytes) {
  /** The facts of the machine this JVM runs on, via OSHI. */
  public static HostFacts ofThisHost() {
    SystemInfo si = new SystemInfo();
    HardwareAbstractionLayer hw = si.getHardware();
    CentralProcessor cpu = hw.getProcessor();
    var os = si.getOperatingSystem();
    return new HostFacts(
        os.getVersionInfo().getBuildNumber(),
        (os.getFamily() + " " + os.getVersionInfo().getVersion()).strip(),
        cpu.getProcessorIdentifier().getName().strip(),
        cpu.getPhysicalProcessorCount(),
        cpu.getLogicalProcessorCount(),
        hw.getMemory().getTotal(),
        hw.getMemory().getVirtualMemory().getSwapTotal());
  }

  /** The facts as JSON-ready pairs, in the order a report shows them. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kernel", kernelRelease);
    m.put("os", os);
    m.put("cpuModel", cpuModel);
    m.put("physicalCpus", physicalCpus);
    m.put("logicalCpus", logicalCpus);
    m.put("memoryBytes", memoryBytes);
    m.put("swapBytes", swapBytes);
    return m;
  }

  /** One line: {@code 6.18.0 (Debian GNU/Linux 12), Intel(R) Xeon(R) ..., 2 CPUs (2 cores), 24.0 GiB, swap 0 B}. */
  public String line() {
    return kernelRelease + " (" + os + "), " + cpuModel + ", " + logicalCpus + " CPUs (" + physicalCpus + " cores), "
        + String.format(java.util.Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30)) + " memory, swap "
        + String.format(java.util.Locale.ROOT, "%.1f GiB", swapBytes / (double) (1L << 30));
  }
}
