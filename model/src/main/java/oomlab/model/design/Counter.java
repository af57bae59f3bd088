package oomlab.model.design;

/** The memcg OOM counters an outcome reports: {@code memory.events} on v2, {@code memory.oom_control} on v1. */
public enum Counter {
  /** {@code MEMCG_OOM}: {@code mem_cgroup_oom} was entered (v2 {@code memory.events} {@code oom}). */
  OOM("oom"),
  /** {@code MEMCG_OOM_KILL}: {@code __oom_kill_process} killed a process (v2, and v1 {@code oom_control}). */
  OOM_KILL("oom_kill"),
  /** {@code MEMCG_OOM_GROUP_KILL}: {@code oom_kill_process} killed a {@code memory.oom.group} (v2). */
  OOM_GROUP_KILL("oom_group_kill");

  private final String file;

  Counter(String file) {
    this.file = file;
  }

  /** The counter's name in {@code memory.events}, as outcome fields spell it. */
  public String file() {
    return file;
  }
}
