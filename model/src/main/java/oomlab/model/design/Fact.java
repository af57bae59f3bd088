package oomlab.model.design;

/**
 * One yes-or-no fact about a design's era: a piece of kernel behaviour the era has or lacks. A
 * design declares the set it has ({@link DesignFacts}); the model's steps and the conformance
 * check read them. Each constant names the kernel function it is about; the design declaring it
 * cites the version.
 */
public enum Fact {
  /**
   * cgroup v2's memory controller (4.5 on): {@code memory.events} changes are notifications
   * ({@code memcg_memory_event} -> {@code cgroup_file_notify}), and {@code memory_max_write}
   * OOM-kills from the writer's context when the new max is below usage. Without it a design has
   * no v2 notifications and a limit write below usage answers EBUSY as v1's
   * {@code mem_cgroup_resize_max} does.
   */
  CGROUP_V2,
  /** {@code memory.oom.group} (4.19 on): {@code mem_cgroup_get_oom_group} in {@code oom_kill_process}. */
  OOM_GROUP,
  /** The oom_reaper (4.6 on): {@code wake_oom_reaper} / {@code queue_oom_reaper} after a kill. */
  OOM_REAPER,
  /**
   * {@code oom_badness} clamps to 1 ({@code points > 0 ? points : 1}, up to 5.8); from 5.9 it
   * returns the raw sum and LONG_MIN for the unkillable.
   */
  BADNESS_CLAMP,
  /**
   * {@code try_charge}: an OOM victim or a task with a fatal signal pending forces its charge
   * over the limit ({@code should_force_charge() -> goto force}, 4.19).
   */
  DYING_FORCE_CHARGE,
  /**
   * {@code try_charge(_memcg)}: {@code if (passed_oom && task_is_dying()) goto nomem} (5.16, and
   * Debian's 5.10.223 by the stable backport of a4ebf1b6ca1e).
   */
  DYING_NOMEM,
  /** {@code mem_cgroup_oom} returning OOM_FAILED (no victim) forces the charge ({@code goto force}, 4.19). */
  FORCE_WHEN_NO_VICTIM,
  /**
   * {@code mem_cgroup_out_of_memory}: {@code mutex_lock_killable(&oom_lock)} (a fatal signal while
   * waiting returns true) and {@code if (mem_cgroup_margin(memcg) >= (1 << order)) goto unlock}
   * once the lock is held.
   */
  MARGIN_RECHECK,
  /**
   * {@code mem_cgroup_out_of_memory}: {@code ret = task_is_dying() || out_of_memory(&oc)}: a dying
   * task holding oom_lock returns true without selecting (5.10.223, 6.1, 6.12). 7.2 calls
   * {@code out_of_memory(&oc)} alone, whose {@code task_will_free_mem(current)} marks current the
   * victim only when every process sharing its mm is dying too, and selects a victim otherwise.
   */
  DYING_BAIL_UNDER_OOM_LOCK,
  /**
   * {@code try_charge_memcg}: {@code if (tsk_is_oom_victim(current) && MMF_OOM_SKIP of its
   * oom_mm) goto nomem} before reclaim (6.12 on): a reaped victim's charge fails at once, without
   * the OOM event.
   */
  REAPED_VICTIM_NOMEM,
  /**
   * {@code oom_kill_process}: {@code task_will_free_mem(victim)} spares a chosen victim that is
   * already dying with every sharer of its mm (4.7 on): mark_oom_victim, no kill, no count.
   */
  VICTIM_WILL_FREE_MEM,
  /**
   * {@code css_task_iter} with CSS_TASK_ITER_PROCS also walks {@code cset->dying_tasks}, where
   * {@code cgroup_exit} moves an exiting task, and yields a dead leader while a thread of it lives
   * (kernel/cgroup/cgroup.c, 5.3 on): an oom.group walk ({@code mem_cgroup_scan_tasks}) can visit
   * a SIGKILLed member a second time, after its leader passed {@code cgroup_exit}, and
   * {@code __oom_kill_process} counts it again when {@code find_lock_task_mm} still finds a thread
   * with the mm.
   */
  DYING_LEADERS_ITERATED,
  /**
   * A victim passes {@code exit_mm} before {@code exit_oom_victim}, and the design wakes its
   * waiters only at the latter (Davydov's {@code oom_context}).
   */
  EXIT_OOM_VICTIM_WAKES,
  /** The killer wakes the OOM waiters after clearing the counts (Nishimura's review of Kamezawa 2010). */
  WAKE_AFTER_UNSET
}
