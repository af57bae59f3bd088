package oomlab.bindings;

import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The facts about a machine that a report needs beside its results: which kernel, how much memory
 * and swap (swap changes what an OOM looks like), how many CPUs (races need two).
 */
public record HostFacts(String kernelRelease, long memoryBytes, long swapBytes, int logicalCpus) {
  /** The facts of the machine this JVM runs on, via OSHI. */
  public static HostFacts ofThisHost() {
    SystemInfo si = new SystemInfo();
    HardwareAbstractionLayer hw = si.getHardware();
    return new HostFacts(
        si.getOperatingSystem().getVersionInfo().getBuildNumber(),
        hw.getMemory().getTotal(),
        hw.getMemory().getVirtualMemory().getSwapTotal(),
        hw.getProcessor().getLogicalProcessorCount());
  }
}
