package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import oomlab.agent.io.KernelFile;
import oomlab.model.scenario.CgroupVersion;

/**
 * Which cgroup hierarchies this machine has mounted, from {@code /proc/self/mountinfo}: a v1
 * hierarchy carrying the {@code memory} controller, a cgroup2 mount, and whether cgroup2 offers
 * {@code memory} in its root's {@code cgroup.controllers}. Both can be mounted at once (systemd
 * "hybrid", this host); the memory controller can be bound to only one of them at a time.
 *
 * @param v1Memory mount point of the v1 hierarchy with the memory controller
 * @param cgroup2 mount point of the cgroup2 hierarchy
 * @param cgroup2HasMemory whether {@code memory} is in the cgroup2 root's {@code cgroup.controllers}
 */
public record CgroupHierarchies(Optional<Path> v1Memory, Optional<Path> cgroup2, boolean cgroup2HasMemory) {

  /** Reads what the given file reader returns for {@code <cgroup2 mount>/cgroup.controllers}. */
  @FunctionalInterface
  public interface ControllersReader {
    String read(Path controllersFile) throws IOException;
  }

  /** This machine's hierarchies. */
  public static CgroupHierarchies detect() throws IOException {
    return parse(KernelFile.read(Path.of("/proc/self/mountinfo")), KernelFile::read);
  }

  /**
   * Pure over the mountinfo text; {@code controllers} is asked only when a cgroup2 mount exists.
   * When several mounts match (bind mounts), the first one wins, as it is the one the kernel
   * created first.
   */
  public static CgroupHierarchies parse(String mountinfo, ControllersReader controllers) throws IOException {
    List<MountInfo> mounts = MountInfo.parse(mountinfo);
    Optional<Path> v1 = mounts.stream()
        .filter(m -> m.fsType().equals("cgroup") && m.superOptions().contains("memory"))
        .map(MountInfo::mountPoint)
        .findFirst();
    Optional<Path> v2 = mounts.stream()
        .filter(m -> m.fsType().equals("cgroup2"))
        .map(MountInfo::mountPoint)
        .findFirst();
    boolean v2Memory = false;
    if (v2.isPresent()) {
      String text = controllers.read(v2.get().resolve("cgroup.controllers"));
      v2Memory = Arrays.asList(text.trim().split("\\s+")).contains("memory");
    }
    return new CgroupHierarchies(v1, v2, v2Memory);
  }

  /** The mount holding the memory controller: v1 first (this host), else cgroup2 with memory. */
  public Optional<MemoryHierarchy> memory() {
    if (v1Memory.isPresent()) {
      return Optional.of(new MemoryHierarchy(CgroupVersion.V1, v1Memory.get()));
    }
    if (cgroup2.isPresent() && cgroup2HasMemory) {
      return Optional.of(new MemoryHierarchy(CgroupVersion.V2, cgroup2.get()));
    }
    return Optional.empty();
  }

  /** One line for {@code oomlab doctor}. */
  public String describe() {
    return "v1 memory: " + v1Memory.map(Path::toString).orElse("not mounted")
        + "; cgroup2: " + cgroup2.map(p -> p + (cgroup2HasMemory ? " (memory controller available)" : " (without the memory controller)"))
            .orElse("not mounted");
  }
}
