package oomlab.model.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One validated scenario (DESIGN section 3). Built only by {@link ScenarioLoader}, which checks
 * every reference, so code holding a Scenario may look names up without checking them again.
 *
 * @param name        {@code [a-z0-9-]+}, unique in a suite
 * @param description one line for humans (empty if the file has none)
 * @param cgroupMode  which hierarchies it makes sense on
 * @param cgroups     in file order, parents before children
 * @param tasks       in file order
 * @param handlers    userspace OOM handlers, in file order
 * @param expect      the expectation, if the file has one
 * @param timeout     the run is stopped (exit 5) after this long; default {@link #DEFAULT_TIMEOUT}
 */
public record Scenario(String name, String description, CgroupMode cgroupMode, List<CgroupSpec> cgroups,
            List<TaskSpec> tasks, List<Handler> handlers, Optional<Expect> expect,
            Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /**
   * The most tasks and cgroups the model explores ({@code ModelScenario} refuses more): the loader
   * refuses a scenario beyond them as bad input, before anything is created or run, instead of
   * the model failing after the run.
   */
  public static final int MAX_TASKS = 30;
  public static final int MAX_CGROUPS = 30;
  /** A step label names a handler in 6 bits ({@code ModelScenario}). */
  public static final int MAX_HANDLERS = 63;

  public Scenario {
    cgroups = List.copyOf(cgroups);
    tasks = List.copyOf(tasks);
    handlers = List.copyOf(handlers);
    java.util.Objects.requireNonNull(expect, "expect");
    java.util.Objects.requireNonNull(timeout, "timeout");
  }

  public Optional<TaskSpec> task(String taskName) {
    return tasks.stream().filter(t -> t.name().equals(taskName)).findFirst();
  }

  public Optional<CgroupSpec> cgroup(String path) {
    return cgroups.stream().filter(c -> c.path().equals(path)).findFirst();
  }

  /** True if some task asks for a negative oom_score_adj, which needs CAP_SYS_RESOURCE. */
  public boolean needsCapSysResource() {
    return tasks.stream().anyMatch(t -> t.oomScoreAdj() < 0);
  }

  /**
   * Why this scenario makes no sense on {@code version}, as one line naming the field, or empty
   * when it can run there. The runner refuses with exit 2 instead of silently changing it.
   */
  public Optional<String> refusalOn(CgroupVersion version) {
    if (!cgroupMode.allows(version)) {
      return Optional.of("cgroup: scenario is " + cgroupMode.label() + " only, this hierarchy is " + version);
    }
    for (CgroupSpec c : cgroups) {
      if (version == CgroupVersion.V2 && c.oomKillDisable()) {
        return Optional.of("cgroups." + c.path() + ".oomKillDisable: v1 only (cgroup v2 has no memory.oom_control)");
      }
      if (version == CgroupVersion.V1 && c.oomGroup()) {
        return Optional.of("cgroups." + c.path() + ".oomGroup: v2 only (cgroup v1 has no memory.oom.group)");
      }
      if (version == CgroupVersion.V1 && c.high().isPresent()) {
        return Optional.of("cgroups." + c.path() + ".high: v2 only (cgroup v1 has no memory.high)");
      }
    }
    if (version == CgroupVersion.V2) {
      for (TaskSpec t : tasks) {
        Optional<String> inner = innerCgroupRefusal(t.cgroup());
        if (inner.isPresent()) return Optional.of("tasks." + t.name() + ".cgroup: " + inner.get());
      }
    }
    for (int i = 0; i < handlers.size(); i++) {
      HandlerAction action = handlers.get(i).action();
      if (version == CgroupVersion.V2 && action instanceof HandlerAction.EnableOomKiller) {
        return Optional.of("handlers[" + i + "].do: oom-kill-disable is v1 only (cgroup v2 has no memory.oom_control)");
      }
      if (version == CgroupVersion.V2 && action instanceof HandlerAction.Move move) {
        Optional<String> inner = innerCgroupRefusal(move.cgroup());
        if (inner.isPresent()) return Optional.of("handlers[" + i + "].do: move " + move.task() + " " + move.cgroup() + ": " + inner.get());
      }
    }
    return Optional.empty();
  }

  /**
   * cgroup v2's no-internal-process rule: the agent enables the memory controller in the
   * {@code cgroup.subtree_control} of every cgroup that has a child in the scenario, and such a
   * cgroup cannot hold processes (joining it is EBUSY). Empty for a leaf.
   */
  private Optional<String> innerCgroupRefusal(String path) {
    List<String> children = cgroups.stream().map(CgroupSpec::path)
        .filter(p -> p.startsWith(path + "/") && p.indexOf('/', path.length() + 1) < 0).toList();
    if (children.isEmpty()) return Optional.empty();
    return Optional.of(path + " has child cgroups (" + String.join(", ", children) + "), and on cgroup v2 a cgroup"
        + " with the memory controller enabled for its children holds no processes (no-internal-process rule):"
        + " put the task in a leaf cgroup");
  }
}
