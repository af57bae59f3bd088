package oomlab.agent.cgroup;

import java.util.Map;
import java.util.OptionalLong;

/**
 * cgroup v1 {@code memory.oom_control}, as {@code mem_cgroup_oom_control_read()} prints it.
 *
 * @param oomKillDisable the memcg's {@code oom_kill_disable}: tasks hitting the limit sleep
 *     instead of being killed
 * @param underOom {@code memcg->under_oom > 0}: some task of the subtree is in memcg OOM now
 * @param oomKill the memcg's local MEMCG_OOM_KILL count (kernels since 4.13; absent before)
 */
public record OomControl(boolean oomKillDisable, boolean underOom, OptionalLong oomKill) {
  static final String FILE = "memory.oom_control";

  public static OomControl parse(String text) {
    Map<String, Long> c = CounterFile.parse(FILE, text);
    Long kills = c.get("oom_kill");
    return new OomControl(
        CounterFile.require(FILE, c, "oom_kill_disable") != 0,
        CounterFile.require(FILE, c, "under_oom") != 0,
        kills == null ? OptionalLong.empty() : OptionalLong.of(kills));
  }
}
