package oomlab.model.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oomlab.model.design.Counter;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict.Difference;

/**
 * Field-by-field comparison of a real {@link Outcome} with one allowed {@link ModelOutcome}. Task
 * fields are compared exactly; per-cgroup fields only for the cgroups the real outcome reports,
 * and with the abstraction of docs/model.md: notifications as "at least one", {@code oom} events
 * as zero or not, {@code underOomSeen} true needs under_oom to have been possible, false needs it
 * not to be stuck at the end. Limit-write results ({@code handlers}) are compared exactly. Only the
 * fields {@link ComparedFields} lists for the design are compared.
 */
public final class OutcomeComparison {
  private OutcomeComparison() {}

  public static List<Difference> differences(Outcome real, ModelOutcome m, ComparedFields fields) {
    List<Difference> d = new ArrayList<>();
    if (!fields.any()) return d;
    exact(d, "killed", real.killed(), m.killed());
    exact(d, "killOrder", real.killOrder(), m.killOrder());
    exact(d, "survived", real.survived(), m.survived());
    exact(d, "blocked", real.blocked(), m.blocked());
    exact(d, "enomem", real.enomem(), m.enomem());
    if (!real.handlers().equals(m.handlers())) {
      d.add(new Difference("handlers", real.handlers().toString(), m.handlers().toString()));
    }
    for (Map.Entry<String, Integer> e : fields.notifications() ? real.notifications().entrySet()
        : Map.<String, Integer>of().entrySet()) {
      boolean r = e.getValue() > 0;
      boolean a = m.notified().contains(e.getKey());
      if (r != a) d.add(new Difference("notifications." + e.getKey(), e.getValue().toString(), a ? ">= 1" : "0"));
    }
    for (Map.Entry<String, MemoryEventCounts> e : real.events().entrySet()) {
      MemoryEventCounts r = e.getValue();
      MemoryEventCounts a = m.events().getOrDefault(e.getKey(), MemoryEventCounts.ZERO);
      String f = "events." + e.getKey();
      if (fields.counts(Counter.OOM_KILL) && r.oomKill() != a.oomKill()) {
        d.add(new Difference(f + ".oom_kill", "" + r.oomKill(), "" + a.oomKill()));
      }
      if (fields.counts(Counter.OOM_GROUP_KILL) && r.oomGroupKill() != a.oomGroupKill()) {
        d.add(new Difference(f + ".oom_group_kill", "" + r.oomGroupKill(), "" + a.oomGroupKill()));
      }
      if (fields.counts(Counter.OOM) && (r.oom() > 0) != (a.oom() > 0)) {
        d.add(new Difference(f + ".oom", "" + r.oom(), a.oom() == 0 ? "0" : ">= 1"));
      }
    }
    for (Map.Entry<String, Boolean> e : real.overcharged().entrySet()) {
      boolean a = m.overcharged().contains(e.getKey());
      if (e.getValue() != a) d.add(new Difference("overcharged." + e.getKey(), "" + e.getValue(), "" + a));
    }
    for (Map.Entry<String, Boolean> e : real.underOomSeen().entrySet()) {
      String k = e.getKey();
      if (e.getValue() && !m.underOomPossible().contains(k)) {
        d.add(new Difference("underOomSeen." + k, "true", "false (under_oom never set)"));
      } else if (!e.getValue() && m.underOomAtEnd().contains(k)) {
        d.add(new Difference("underOomSeen." + k, "false", "true (a task sleeps in the memcg OOM wait)"));
      }
    }
    return d;
  }

  private static void exact(List<Difference> d, String field, List<String> real, List<String> allowed) {
    if (!real.equals(allowed)) d.add(new Difference(field, json(real), json(allowed)));
  }

  static String json(List<String> l) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) b.append(',');
      b.append('"').append(l.get(i)).append('"');
    }
    return b.append(']').toString();
  }
}
