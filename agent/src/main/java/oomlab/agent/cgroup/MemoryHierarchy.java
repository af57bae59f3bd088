package oomlab.agent.cgroup;

import java.nio.file.Path;
import oomlab.model.scenario.CgroupVersion;

/** The hierarchy that carries the memory controller: its version and mount point. */
public record MemoryHierarchy(CgroupVersion version, Path mount) {}
