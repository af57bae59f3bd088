package oomlab.controller.matrix;

import oomlab.controller.vm.GuestRequest;
import oshi.SystemInfo;

/**
 * How many cells a matrix runs at once by default: as many TCG guests as the machine has CPUs
 * (an emulated guest keeps about one host CPU busy) and memory for (the guest's RAM plus QEMU's
 * and the host JVM's share), at least one.
 */
public final class MatrixJobs {
  /** QEMU's own memory, the cell's share of the host JVM and page cache for the 9p share, beside the guest's RAM. */
  static final long OVERHEAD_PER_CELL = 512L << 20;

  private MatrixJobs() {}

  public static int defaultJobs() {
    var memory = new SystemInfo().getHardware().getMemory();
    return jobs(Runtime.getRuntime().availableProcessors(), memory.getAvailable());
  }

  static int jobs(int cpus, long availableBytes) {
    long perCell = ((long) GuestRequest.DEFAULT_MEMORY_MIB << 20) + OVERHEAD_PER_CELL;
    long byMemory = availableBytes / perCell;
    return (int) Math.max(1, Math.min(cpus, byMemory));
  }
}
