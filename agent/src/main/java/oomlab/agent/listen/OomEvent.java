package oomlab.agent.listen;

/**
 * One notification the kernel gave about a memcg, stamped when the listener woke for it.
 *
 * @param tMonoNs CLOCK_MONOTONIC in ns at wake-up (System.nanoTime, which is CLOCK_MONOTONIC on
 *     Linux), comparable with /dev/kmsg timestamps
 * @param cgroup the cgroup as the caller named it
 * @param kind what happened
 * @param count how many: the eventfd counter read (v1, several signals coalesce into one read) or
 *     the counter delta in memory.events (v2); 1 for {@code removed}
 */
public record OomEvent(long tMonoNs, String cgroup, Kind kind, long count) {
  public enum Kind {
    /** v1: the memcg hit its limit and could not reclaim (memory.oom_control eventfd); v2: memory.events {@code oom}. */
    OOM("oom"),
    /** v2: memory.events {@code oom_kill}, a process was killed by the OOM killer in the subtree. */
    OOM_KILL("oom_kill"),
    /** v2: memory.events {@code oom_group_kill} (memory.oom.group set, 5.17+). */
    OOM_GROUP_KILL("oom_group_kill"),
    /** v1: memory.usage_in_bytes crossed a registered threshold (either way). */
    THRESHOLD("threshold"),
    /** v1: memory.pressure_level reached the registered level; v2: a PSI trigger on memory.pressure fired. */
    PRESSURE("pressure"),
    /** The cgroup is gone: no further event will come for it. */
    REMOVED("removed");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name in JSON output and in the trace. */
    public String label() {
      return label;
    }
  }
}
