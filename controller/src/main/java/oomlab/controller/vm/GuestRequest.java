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
 * @param scratchDisk an ext4 image ({@link ScratchDisk}) the guest mounts at {@link ScratchDisk#MOUNT_POINT}, or null
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
    List<String> extraKernelArgs,
    Path scratchDisk) {

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
        DEFAULT_MEMORY_MIB, DEFAULT_CPUS, List.of(), null);
  }

  public GuestRequest withKernelArgs(List<String> args) {
    return new GuestRequest(kernel, cgroup, command, workDir, resultsDir, timeout, memoryMiB, cpus, args, scratchDisk);
  }

  /** The same boot with {@code disk} attached and mounted (see {@link ScratchDisk}); its modules must be in the kernel's cache. */
  public GuestRequest withScratchDisk(Path disk) {
    return new GuestRequest(kernel, cgroup, command, workDir, resultsDir, timeout, memoryMiB, cpus, extraKernelArgs, disk);
  }

  /** The modules this boot loads: the guest's own, and the scratch disk's when it has one. */
  public List<String> moduleRoots() {
    List<String> roots = new java.util.ArrayList<>(Initramfs.moduleRoots());
    if (scratchDisk != null) {
      roots.addAll(ScratchDisk.moduleRoots());
    }
    return roots;
  }
}
