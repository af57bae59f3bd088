package oomlab.controller.matrix;

import oomlab.controller.vm.GuestRequest;
import oshi.SystemInfo;

/**
 * How many cells a matrix runs at once by default: as many TCG guests as the machine has idle
 * CPUs (an emulated guest keeps about one host CPU busy; CPUs the load average shows busy with
 * other work are not counted, since guests starved of CPU run their scenarios past their timeouts)
 * and memory for (the guest's RAM plus QEMU's and the host JVM's share), at least one.
 */
public final class MatrixJobs {
  /** QEMU's own memory, the cell's share of the host JVM and page cache for the 9p share, beside the guest's RAM. */
  static final long OVERHEAD_PER_CELL = 512L << 20;

  private MatrixJobs() {}

  public static int defaultJobs() {
    var hw = new SystemInfo().getHardware();
    double[] load = hw.getProcessor().getSystemLoadAverage(1);
    return jobs(Runtime.getRuntime().availableProcessors(), load.length > 0 && load[0] >= 0 ? load[0] : 0, hw.getMemory().getAvailable());
  }

  static int jobs(int cpus, double load, long availableBytes) {
    long perCell = ((long) GuestRequest.DEFAULT_MEMORY_MIB << 20) + OVERHEAD_PER_CELL;
    long byMemory = availableBytes / perCell;
    long idle = Math.round(Math.floor(cpus - load + 0.5));
    return (int) Math.max(1, Math.min(Math.min(cpus, idle), byMemory));
  }
}
