package oomlab.agent.run;

import java.util.Optional;
import oomlab.model.scenario.CgroupSpec;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;

/**
 * Decides, before anything is created, whether a validated scenario can run here:
 * <ul>
 *   <li>{@code cgroup: v1} on a v2 hierarchy (or the reverse): <b>skipped</b>, the scenario says
 *       itself that it is not for this hierarchy; the exit code is unaffected;</li>
 *   <li>a knob the hierarchy lacks on a scenario that claims to fit ({@code oomKillDisable} on
 *       v2, {@code oomGroup} on v1): <b>bad input</b> (exit 2), nothing runs;</li>
 *   <li>a negative {@code oom_score_adj} without CAP_SYS_RESOURCE: <b>environment</b>, this
 *       scenario is refused (exit 3 unless something worse happens) and the others run; it is
 *       never run with the adj dropped;</li>
 *   <li>more memory than the machine has available ({@code MemAvailable}, less a margin): the
 *       same, <b>environment</b>: a memcg limit above what the host can give turns the
 *       experiment into a global OOM that kills processes outside oomlab.</li>
 * </ul>
 */
public final class Preflight {
  /** Why a scenario does not run. */
  public enum Kind { SKIP, BAD_INPUT, ENVIRONMENT }

  public record Refusal(Kind kind, String reason) {}

  private Preflight() {}

  /** Left to the rest of the machine (the agent's JVM, other users) when judging what a scenario may charge. */
  static final long MARGIN = 256 * Size.M;

  public static Optional<Refusal> check(Scenario scenario, CgroupVersion version, boolean hasCapSysResource) {
    return check(scenario, version, hasCapSysResource, Long.MAX_VALUE);
  }

  /** @param memAvailable the machine's MemAvailable in bytes ({@link oomlab.agent.proc.MemInfo}) */
  public static Optional<Refusal> check(Scenario scenario, CgroupVersion version, boolean hasCapSysResource, long memAvailable) {
    Optional<Refusal> r = checkKnobs(scenario, version, hasCapSysResource);
    if (r.isPresent() || memAvailable == Long.MAX_VALUE) return r;
    long most = mostCharged(scenario);
    if (most > memAvailable - MARGIN) {
      return Optional.of(new Refusal(Kind.ENVIRONMENT, "tasks: may charge up to " + mib(most)
          + " (what the tasks allocate, bounded by the top-level limits), more than this machine's MemAvailable "
          + mib(memAvailable) + " less " + mib(MARGIN) + ": it would end in a global OOM outside oomlab"));
    }
    return Optional.empty();
  }

  /**
   * The most a run of the scenario can charge: what its tasks allocate (the run directory's limit
   * is that plus 64M, ScenarioRun.boundRun), bounded by the sum of the top-level cgroups' limits
   * where every top-level cgroup has one.
   */
  static long mostCharged(Scenario scenario) {
    long total = scenario.tasks().stream().mapToLong(TaskSpec::allocate).sum() + 64 * Size.M;
    long tops = 0;
    for (CgroupSpec c : scenario.cgroups()) {
      if (c.path().contains("/")) continue;
      if (c.limit().isEmpty()) return total;
      tops += c.limit().getAsLong();
    }
    return Math.min(total, tops);
  }

  private static String mib(long bytes) {
    return bytes % Size.M == 0 ? Size.format(bytes) : String.format("%.1fM", bytes / (double) Size.M);
  }

  private static Optional<Refusal> checkKnobs(Scenario scenario, CgroupVersion version, boolean hasCapSysResource) {
    if (!scenario.cgroupMode().allows(version)) {
      return Optional.of(new Refusal(Kind.SKIP, "scenario is " + scenario.cgroupMode().label() + " only, this hierarchy is " + version));
    }
    Optional<String> knob = scenario.refusalOn(version);
    if (knob.isPresent()) return Optional.of(new Refusal(Kind.BAD_INPUT, knob.get()));
    Optional<String> workload = workloadLimits(scenario);
    if (workload.isPresent()) return Optional.of(new Refusal(Kind.BAD_INPUT, workload.get()));
    if (!hasCapSysResource) {
      for (TaskSpec t : scenario.tasks()) {
        if (t.oomScoreAdj() < 0) {
          return Optional.of(new Refusal(Kind.ENVIRONMENT, "tasks." + t.name() + ".oomScoreAdj: " + t.oomScoreAdj()
              + " needs CAP_SYS_RESOURCE, which this agent lacks (a negative adj below oom_score_adj_min is EACCES);"
              + " run it where the agent has it, e.g. --target vm:6.1"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What the workload program cannot do: a {@code shareMm} task is a clone sharing its owner's
   * TLS, so it runs as one thread; one process makes at most 26 clones (one stdin command letter each).
   */
  private static Optional<String> workloadLimits(Scenario scenario) {
    for (TaskSpec t : scenario.tasks()) {
      if (t.shareMm().isPresent() && t.threads() != 1) {
        return Optional.of("tasks." + t.name() + ".threads: a shareMm task runs as one thread (it is a clone(CLONE_VM) process)");
      }
      long sharers = scenario.tasks().stream().filter(s -> s.shareMm().map(t.name()::equals).orElse(false)).count();
      if (sharers > MAX_SHARERS) {
        return Optional.of("tasks." + t.name() + ": " + sharers + " tasks share its mm, at most " + MAX_SHARERS + " can");
      }
    }
    return Optional.empty();
  }

  static final int MAX_SHARERS = 26;
}
