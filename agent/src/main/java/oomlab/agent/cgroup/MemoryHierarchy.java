package oomlab.agent.cgroup;

import java.nio.file.Path;
import oomlab.model.scenario.CgroupVersion;

/** The hierarchy that carries the memory controller: its version and mount point. */
public record MemoryHierarchy(CgroupVersion version, Path mount) {
  /**
   * The cgroup's path as the kernel prints it in OOM reports and {@code /proc/PID/cgroup}:
   * relative to the hierarchy's root, with a leading slash ({@code /oomlab/run-2197-x/A}).
   */
  public String kernelPath(Path cgroupDir) {
    Path rel = mount.relativize(cgroupDir.toAbsolutePath().normalize());
    if (rel.startsWith("..")) {
      throw new IllegalArgumentException(cgroupDir + " is not in the hierarchy mounted at " + mount);
    }
    return "/" + rel.toString();
  }
}
