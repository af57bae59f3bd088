package oomlab.agent.run;

import java.io.IOException;
import java.util.Optional;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.agent.cgroup.MemoryHierarchy;
import oomlab.agent.proc.ProcFs;
import oomlab.model.scenario.CgroupVersion;

/**
 * {@code --target local}: this machine's kernel, on the hierarchy asked for (or the one holding the
 * memory controller). Opening it checks what the runner cannot do without: root, a memory
 * controller on that hierarchy, the agent's root cgroup.
 */
public record LocalTarget(AgentRoot root, String kernel, boolean hasCapSysResource) {

  /** A facility the run needs is missing: exit 3. */
  public static final class EnvironmentException extends Exception {
    EnvironmentException(String message) {
      super(message);
    }
  }

  public static LocalTarget open(Optional<CgroupVersion> wanted) throws EnvironmentException {
    try {
      if (ProcFs.status(ProcessHandle.current().pid()).euid() != 0) {
        throw new EnvironmentException("--target local needs root (cgroup and /proc writes)");
      }
      CgroupHierarchies h = CgroupHierarchies.detect();
      MemoryHierarchy hierarchy = (wanted.isEmpty() ? h.memory() : find(h, wanted.get())).orElseThrow(() ->
          new EnvironmentException(wanted.map(v -> "no " + v + " hierarchy with the memory controller here (" + h.describe() + ")")
              .orElse("no memory cgroup: neither a v1 memory mount nor cgroup2 with the memory controller")));
      return new LocalTarget(AgentRoot.open(hierarchy), KernelRelease.current(), ProcFs.selfHasCapSysResource());
    } catch (IOException e) {
      throw new EnvironmentException("cannot open the agent's cgroup root: " + e.getMessage());
    }
  }

  private static Optional<MemoryHierarchy> find(CgroupHierarchies h, CgroupVersion version) {
    return version == CgroupVersion.V1
        ? h.v1Memory().map(m -> new MemoryHierarchy(CgroupVersion.V1, m))
        : h.cgroup2().filter(m -> h.cgroup2HasMemory()).map(m -> new MemoryHierarchy(CgroupVersion.V2, m));
  }
}
