package oomlab.model.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oomlab.model.design.Counter;
import oomlab.model.design.DesignFacts;
import oomlab.model.design.Fact;
import oomlab.model.explore.ModelScenario;
import oomlab.model.scenario.CgroupVersion;

/**
 * Which fields of a real outcome a design can speak to: only what its era had. The task fields
 * (killed, killOrder, survived, blocked, enomem), limit-write results, overcharged and
 * underOomSeen are the locking design's own; notifications need the era's notifier on that
 * hierarchy ({@link DesignFacts#notifies}); a counter is compared only if the era's
 * {@code memory.events} / {@code memory.oom_control} had it. A scenario that uses a kernel
 * interface the era lacked ({@code memory.oom.group} without {@link Fact#OOM_GROUP}, a v2 limit
 * write without {@link Fact#CGROUP_V2}'s {@code memory_max_write}) leaves nothing the design can
 * speak to: every field depends on it.
 *
 * @param tasks         killed, killOrder, survived, blocked, enomem, handlers, overcharged, underOomSeen
 * @param notifications the per-cgroup notifications
 * @param counters      the counters compared
 * @param reason        why nothing is compared, when nothing is
 */
public record ComparedFields(boolean tasks, boolean notifications, List<Counter> counters, Optional<String> reason) {

  public static ComparedFields of(DesignFacts facts, ModelScenario sc, CgroupVersion version) {
    Optional<String> missing = missingInterface(facts, sc, version);
    if (missing.isPresent()) return new ComparedFields(false, false, List.of(), missing);
    List<Counter> counters = new ArrayList<>();
    for (Counter c : Counter.values()) {
      // v1 reports oom_kill only (memory.oom_control); oom and oom_group_kill are v2's memory.events.
      if (version == CgroupVersion.V1 && c != Counter.OOM_KILL) continue;
      if (facts.counters(version).contains(c)) counters.add(c);
    }
    return new ComparedFields(true, facts.notifies(version), List.copyOf(counters), Optional.empty());
  }

  private static Optional<String> missingInterface(DesignFacts facts, ModelScenario sc, CgroupVersion version) {
    if (!facts.has(Fact.OOM_GROUP) && sc.memcgs().stream().anyMatch(ModelScenario.Memcg::oomGroup)) {
      return Optional.of(facts.name() + " predates memory.oom.group");
    }
    if (version == CgroupVersion.V2 && !facts.has(Fact.CGROUP_V2)
        && sc.handlers().stream().anyMatch(h -> h.action() == ModelScenario.Action.SET_LIMIT)) {
      return Optional.of(facts.name() + " predates cgroup v2's memory_max_write");
    }
    return Optional.empty();
  }

  public boolean any() {
    return tasks;
  }

  public boolean counts(Counter c) {
    return counters.contains(c);
  }

  /** The compared fields by name, as verdicts.json lists them. */
  public List<String> names() {
    if (!tasks) return List.of();
    List<String> out = new ArrayList<>(List.of("killed", "killOrder", "survived", "blocked", "enomem", "handlers"));
    if (notifications) out.add("notifications");
    for (Counter c : counters) out.add("events." + c.file());
    out.add("overcharged");
    out.add("underOomSeen");
    return List.copyOf(out);
  }
}
