package oomlab.model.design;

import oomlab.model.explore.ModelScenario;

/**
 * Hocko's "memcg, oom: move out_of_memory back to the charge path" (seed 002, merged for 4.19):
 *
 * <ul>
 *   <li>{@code try_charge}: an OOM victim or a task with a fatal signal pending forces its charge
 *       ("Allow dying and OOM-killed tasks to bypass the last charges").
 *   <li>{@code mem_cgroup_oom}: {@code OOM_SUCCESS} -> retry; {@code OOM_FAILED} (no victim) ->
 *       {@code goto force}: the charge goes over the limit ("WARN(1, Memory cgroup charge failed
 *       because of no reclaimable memory!")); oom_kill_disable: {@code OOM_ASYNC} for user
 *       faults, {@code OOM_SKIPPED} (ENOMEM) otherwise.
 *   <li>{@code mem_cgroup_out_of_memory}: {@code mutex_lock(&oom_lock); out_of_memory()} without a
 *       margin re-check; out_of_memory marks a dying current as victim (task_will_free_mem).
 *   <li>4.19's oom_badness clamps to 1 and oom_evaluate_task keeps the first of equal points
 *       (thread group leaders); wake_oom_reaper queues the victim at once.
 * </ul>
 */
public final class Hocko2018 extends ChargePathOom {
  public Hocko2018(ModelScenario sc) {
    super(sc);
  }

  @Override
  public String name() {
    return "hocko2018";
  }

  @Override
  protected boolean dyingForceCharge() {
    return true;
  }

  @Override
  protected boolean dyingFails() {
    return false;
  }

  @Override
  protected boolean marginRecheck() {
    return false;
  }

  @Override
  protected boolean forceWhenNoVictim() {
    return true;
  }

  @Override
  protected boolean clampToOne() {
    return true;
  }

  @Override
  protected TieRule tieRule() {
    return TieRule.FIRST;
  }
}
