package oomlab.model.design;

import oomlab.model.explore.ModelScenario;

/**
 * Mainline as in Debian's linux-source-6.1 (6.1.192), mm/memcontrol.c and mm/oom_kill.c:
 *
 * <ul>
 *   <li>{@code try_charge_memcg}: MAX_RECLAIM_RETRIES (16) reclaim rounds, each re-checking
 *       {@code mem_cgroup_margin()}; no bypass for dying tasks, but
 *       {@code if (passed_oom && task_is_dying()) goto nomem}; {@code mem_cgroup_oom()} true
 *       (killed, or aborted on a live victim) -> {@code passed_oom}, retry; false -> nomem: a user
 *       fault returns VM_FAULT_OOM and {@code pagefault_out_of_memory()} retries the fault
 *       ("Huh VM_FAULT_OOM leaked out to the #PF handler"); no force charge.
 *   <li>{@code mem_cgroup_out_of_memory}: {@code mutex_lock_killable(&oom_lock)} (killed: true),
 *       {@code if (mem_cgroup_margin(memcg) >= (1 << order)) goto unlock} (true),
 *       {@code ret = task_is_dying() || out_of_memory(&oc)}.
 *   <li>{@code oom_evaluate_task}: a {@code tsk_is_oom_victim} without MMF_OOM_SKIP aborts the
 *       scan; {@code oom_badness} returns LONG_MIN for -1000 and MMF_OOM_SKIP, raw points
 *       otherwise; {@code points < chosen_points} skips, so the last of equal points wins.
 *   <li>{@code queue_oom_reaper}: the reaper runs OOM_REAPER_DELAY (2 s) after the kill unless the
 *       victim's exit_mmap set MMF_OOM_SKIP first; the model lets it run at any point after.
 *   <li>{@code memcg_memory_event}: v1 counts locally, v2 up the hierarchy (a notification of
 *       memory.events); {@code mem_cgroup_get_oom_group}: oom.group on v2 kills the group.
 *   <li>oom_kill_disable (v1): {@code current->memcg_in_oom} for user faults,
 *       mem_cgroup_oom_synchronize at the end of the fault; ENOMEM for others.
 * </ul>
 */
public final class Mainline6 extends ChargePathOom {
  public Mainline6(ModelScenario sc) {
    super(sc);
  }

  @Override
  public String name() {
    return "mainline6";
  }

  @Override
  protected boolean dyingForceCharge() {
    return false;
  }

  @Override
  protected boolean dyingFails() {
    return true;
  }

  @Override
  protected boolean marginRecheck() {
    return true;
  }

  @Override
  protected boolean forceWhenNoVictim() {
    return false;
  }

  @Override
  protected boolean clampToOne() {
    return false;
  }

  @Override
  protected TieRule tieRule() {
    return TieRule.LAST;
  }
}
