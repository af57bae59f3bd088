package oomlab.controller.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import oomlab.controller.kernel.CachedKernel;

/**
 * One guest boot: the kernel, the cgroup hierarchy, the command to run in the chroot of the host
 * root (argv, host paths), the host directory shared writable for results, and the limits.
 *
 * @param workDir the command's working directory (a host path, visible read-only in the guest)
 * @param resultsDir host directory the guest may write; mounted at the same path in the guest
 * @param extraKernelArgs appended to the kernel command line (tests use it to force a panic)
 */
public record GuestRequest(
    CachedKernel kernel,
    CgroupMode cgroup,
    List<String> command,
    Path workDir,
    Path resultsDir,
    Duration timeout,
    int memoryMiB,
    int cpus,
    List<String> extraKernelArgs) {

  public static final int DEFAULT_MEMORY_MIB = 1024;
  public static final int DEFAULT_CPUS = 2;

  public GuestRequest {
    command = List.copyOf(command);
    extraKernelArgs = List.copyOf(extraKernelArgs);
    workDir = workDir.toAbsolutePath().normalize();
    resultsDir = resultsDir.toAbsolutePath().normalize();
  }

  public static GuestRequest of(CachedKernel kernel, CgroupMode cgroup, List<String> command, Path resultsDir, Duration timeout) {
    return new GuestRequest(kernel, cgroup, command, Path.of("").toAbsolutePath(), resultsDir, timeout,
        DEFAULT_MEMORY_MIB, DEFAULT_CPUS, List.of());
  }

  public GuestRequest withKernelArgs(List<String> args) {
    return new GuestRequest(kernel, cgroup, command, workDir, resultsDir, timeout, memoryMiB, cpus, args);
  }
}
