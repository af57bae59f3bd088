package oomlab.model.design;

import static oomlab.model.design.Counter.OOM;
import static oomlab.model.design.Counter.OOM_GROUP_KILL;
import static oomlab.model.design.Counter.OOM_KILL;
import static oomlab.model.design.Fact.BADNESS_CLAMP;
import static oomlab.model.design.Fact.CGROUP_V2;
import static oomlab.model.design.Fact.DYING_BAIL_UNDER_OOM_LOCK;
import static oomlab.model.design.Fact.DYING_FORCE_CHARGE;
import static oomlab.model.design.Fact.DYING_LEADERS_ITERATED;
import static oomlab.model.design.Fact.DYING_NOMEM;
import static oomlab.model.design.Fact.FORCE_WHEN_NO_VICTIM;
import static oomlab.model.design.Fact.MARGIN_RECHECK;
import static oomlab.model.design.Fact.OOM_GROUP;
import static oomlab.model.design.Fact.OOM_REAPER;
import static oomlab.model.design.Fact.REAPED_VICTIM_NOMEM;
import static oomlab.model.design.Fact.VICTIM_WILL_FREE_MEM;

import java.util.Set;

/**
 * The eras of the charge-path OOM killer ({@link ChargePathOom}): Hocko's 2018 design and the
 * mainline lines oomlab boots, as Debian's {@code linux-source-*} has them (mm/memcontrol.c,
 * mm/memcontrol-v1.c from 6.12, mm/oom_kill.c, include/linux/memcontrol.h). What the lines share
 * (MAX_RECLAIM_RETRIES, OOM_REAPER_DELAY of 2 s, which the model folds into "the reaper runs at any
 * point after the kill", {@code oom_evaluate_task}'s abort on a live victim, the oom.group walk
 * {@code oom_kill_memcg_member}, pagefault_out_of_memory's retried fault) is the class's code;
 * what differs is here.
 */
public final class ChargePathEras {
  private ChargePathEras() {}

  /**
   * Hocko's "memcg, oom: move out_of_memory back to the charge path" (seed 002, merged for 4.19):
   * {@code try_charge}'s {@code should_force_charge()} forces a dying task's charge
   * ({@link Fact#DYING_FORCE_CHARGE}); {@code mem_cgroup_oom} OOM_FAILED -> {@code goto force}
   * ({@link Fact#FORCE_WHEN_NO_VICTIM}); {@code mem_cgroup_out_of_memory} is
   * {@code mutex_lock(&oom_lock); out_of_memory()}, no margin re-check; 4.19's
   * {@code oom_badness} clamps to 1 and {@code oom_evaluate_task} keeps the first of equal points
   * (thread group leaders); {@code memory.events} has {@code oom} and {@code oom_kill}, no
   * {@code oom_group_kill} yet; v1 {@code memory.oom_control} has {@code oom_kill} (4.13).
   */
  public static final DesignFacts HOCKO_2018 = DesignFacts.of("hocko2018", "4.19", TieRule.FIRST,
      Set.of(OOM_KILL), Set.of(OOM, OOM_KILL),
      CGROUP_V2, OOM_GROUP, OOM_REAPER, BADNESS_CLAMP, DYING_FORCE_CHARGE, FORCE_WHEN_NO_VICTIM,
      VICTIM_WILL_FREE_MEM);

  /**
   * Debian's 5.10.223: {@code try_charge} has 5.16's {@code if (passed_oom && task_is_dying())
   * goto nomem} and OOM_FAILED falls through to nomem (stable backport of a4ebf1b6ca1e "memcg:
   * prohibit unconditional exceeding the limit of dying tasks"), so no force charge;
   * {@code mem_cgroup_out_of_memory}: {@code mutex_lock_killable}, the margin re-check and
   * {@code task_is_dying() || out_of_memory(&oc)}; {@code oom_badness} returns raw points and
   * LONG_MIN (5.9), {@code oom_evaluate_task} skips only {@code points < chosen_points} (the last
   * of equal points wins); {@code enum memcg_memory_event} ends its OOM events at
   * {@code MEMCG_OOM_KILL} and {@code oom_kill_process} walks an oom.group without counting it: no
   * {@code oom_group_kill} in {@code memory.events}.
   */
  public static final DesignFacts MAINLINE_5_10 = DesignFacts.of("mainline-5.10", "5.10", TieRule.LAST,
      Set.of(OOM_KILL), Set.of(OOM, OOM_KILL),
      CGROUP_V2, OOM_GROUP, OOM_REAPER, DYING_NOMEM, MARGIN_RECHECK, DYING_BAIL_UNDER_OOM_LOCK,
      VICTIM_WILL_FREE_MEM, DYING_LEADERS_ITERATED);

  /**
   * Debian's 6.1 (6.1.176): 5.10's charge path ({@code try_charge_memcg}, {@code mem_cgroup_oom}
   * now returning bool), and {@code oom_kill_process} counts
   * {@code memcg_memory_event(oom_group, MEMCG_OOM_GROUP_KILL)} before walking the group.
   */
  public static final DesignFacts MAINLINE_6_1 = DesignFacts.of("mainline-6.1", "6.1", TieRule.LAST,
      Set.of(OOM_KILL), Set.of(OOM, OOM_KILL, OOM_GROUP_KILL),
      CGROUP_V2, OOM_GROUP, OOM_REAPER, DYING_NOMEM, MARGIN_RECHECK, DYING_BAIL_UNDER_OOM_LOCK,
      VICTIM_WILL_FREE_MEM, DYING_LEADERS_ITERATED);

  /**
   * Debian's 6.12 (6.12.117): 6.1's, with the v1 parts moved to mm/memcontrol-v1.c
   * ({@code memcg1_oom_prepare}: oom_kill_disable, mark_under_oom, trylock, notify; unchanged) and
   * one new step in {@code try_charge_memcg}: {@code if (tsk_is_oom_victim(current) &&
   * test_bit(MMF_OOM_SKIP, &current->signal->oom_mm->flags)) goto nomem} before reclaim
   * ({@link Fact#REAPED_VICTIM_NOMEM}).
   */
  public static final DesignFacts MAINLINE_6_12 = DesignFacts.of("mainline-6.12", "6.12", TieRule.LAST,
      Set.of(OOM_KILL), Set.of(OOM, OOM_KILL, OOM_GROUP_KILL),
      CGROUP_V2, OOM_GROUP, OOM_REAPER, DYING_NOMEM, MARGIN_RECHECK, DYING_BAIL_UNDER_OOM_LOCK,
      VICTIM_WILL_FREE_MEM, REAPED_VICTIM_NOMEM, DYING_LEADERS_ITERATED);

  /**
   * Debian's 7.2: 6.12's, but {@code mem_cgroup_out_of_memory} runs {@code ret =
   * out_of_memory(&oc)} after the margin re-check without {@code task_is_dying()} (no
   * {@link Fact#DYING_BAIL_UNDER_OOM_LOCK}): a dying task holding oom_lock is marked the victim by
   * {@code out_of_memory}'s {@code task_will_free_mem(current)} when every sharer of its mm is
   * dying, and selects a victim otherwise. ({@code oom_badness} reads {@code get_mm_rss_sum}, the
   * exact per-cpu sum; the model's near-tie tolerance covers both.)
   */
  public static final DesignFacts MAINLINE_7_2 = DesignFacts.of("mainline-7.2", "7.2", TieRule.LAST,
      Set.of(OOM_KILL), Set.of(OOM, OOM_KILL, OOM_GROUP_KILL),
      CGROUP_V2, OOM_GROUP, OOM_REAPER, DYING_NOMEM, MARGIN_RECHECK, VICTIM_WILL_FREE_MEM,
      REAPED_VICTIM_NOMEM, DYING_LEADERS_ITERATED);
}
