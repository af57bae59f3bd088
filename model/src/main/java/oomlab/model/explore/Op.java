package oomlab.model.explore;

/**
 * The model's steps, named after the kernel code they stand for. A step's text reads like a line
 * of a kernel race description: {@code {t}} is the acting task, {@code {m}} the memcg argument,
 * {@code {v}} a task argument (a victim), {@code {n}} a second memcg argument, {@code {h}} the
 * trigger of the handler whose index is the second argument.
 */
public enum Op {
  // Common to all designs.
  START("{t}: starts allocating"),
  CHARGE("{t}: try_charge({m}) succeeds"),
  CHARGE_LAST("{t}: try_charge({m}) succeeds for its last page, now holds its memory"),
  CHARGE_FAIL("{t}: page_counter_try_charge fails at {m}, reclaim frees nothing"),
  RETRY_CHARGE("{t}: retries the charge -> try_charge({m}) succeeds"),
  FORCE_CHARGE("{t}: try_charge force-charges {m} over its limit"),
  BYPASS_CHARGE("{t}: dying (TIF_MEMDIE) -> charge bypassed, not accounted"),
  ENOMEM("{t}: try_charge({m}) returns -ENOMEM to the caller, the task stops allocating"),
  FAULT_RETRY("{t}: VM_FAULT_OOM -> pagefault_out_of_memory() returns, the fault is retried"),
  EXIT_MM("{t}: do_exit -> exit_mm: uncharges its pages"),
  EXIT_MM_VICTIM("{t}: do_exit -> exit_mm: uncharges its pages (exit_oom_victim pending)"),
  EXIT_OOM_VICTIM("{t}: exit_oom_victim()"),
  REAP("oom_reaper: reaps {v}'s memory, sets MMF_OOM_SKIP"),
  HANDLER_RAISE("handler: {h} -> raises the limit of {m}"),
  HANDLER_KILL("handler: {h} -> kill -9 {t}"),
  HANDLER_MOVE("handler: {h} -> moves {t} to {m}"),
  HANDLER_OKD_OFF("handler: {h} -> oom_kill_disable=0 on {m}"),
  HANDLER_SET_LIMIT("handler: {h} -> sets the limit of {m}, not below its usage"),
  HANDLER_SET_LIMIT_EBUSY("handler: {h} -> mem_cgroup_resize_max({m}): page_counter_set_max fails, reclaim frees"
      + " nothing -> -EBUSY, the limit stays"),
  HANDLER_SET_MAX_OOM("handler: {h} -> memory_max_write({m}): xchg(memory.max) below usage, reclaim frees nothing"),
  W_OOM_KILL("handler: memory_max_write({m}): memcg_memory_event(MEMCG_OOM), mem_cgroup_out_of_memory kills {v}"),
  W_OOM_CHOSEN("handler: memory_max_write({m}): memcg_memory_event(MEMCG_OOM), select_bad_process chooses {v}"
      + " (dying, or a handler may still kill or move it)"),
  W_NO_VICTIM("handler: memory_max_write({m}): mem_cgroup_out_of_memory finds no victim -> returns, max stays below usage"),
  W_DONE("handler: memory_max_write({m}): usage <= max -> returns"),
  WAKE_SIGNAL("{t}: SIGKILL wakes it from its sleep"),
  WOKEN_RETRY("{t}: woken -> retries the charge"),

  // Kamezawa 2010 (seed 004).
  K_UNDER_OOM_WAIT("{t}: memcg_under_oom({m}) -> memcg_oom_wait: sleeps on memcg_oom_waitq"),
  K_UNDER_OOM_RECHECK("{t}: memcg_oom_wait: memcg_under_oom({m}) false after prepare_to_wait -> retries"),
  K_HANDLE_FIRST("{t}: memcg_handle_oom({m}): oom_count 1, first OOM killer in the subtree"),
  K_HANDLE_SLEEP("{t}: memcg_handle_oom({m}): oom_count > 1 -> schedule() on memcg_oom_waitq"),
  K_NOTIFY("{t}: mem_cgroup_oom_notify({m}); oom_kill_disable -> schedule() on memcg_oom_waitq"),
  K_UNSET("{t}: mem_cgroup_walk_tree({m}, unset_memcg_oom_cb): oom_count = 0, no wake-up"),
  K_UNSET_WAKE("{t}: unset_memcg_oom_cb({m}) then memcg_oom_wake(): wake_up_all(memcg_oom_waitq)"),
  K_RETURN_DIE("{t}: memcg_handle_oom returns false (TIF_MEMDIE) -> charge returns 0"),

  // Victim selection, shared.
  KILL("{t}: mem_cgroup_out_of_memory({m}) -> select_bad_process kills {v}"),
  KILL_NONE("{t}: mem_cgroup_out_of_memory({m}) -> select_bad_process finds no victim"),
  KILL_ABORT("{t}: mem_cgroup_out_of_memory({m}) -> an OOM victim is still exiting: abort, no kill"),
  KILL_SELF_DYING("{t}: out_of_memory({m}) -> task_will_free_mem(current): marks itself victim"),
  KILL_CHOSEN("{t}: mem_cgroup_out_of_memory({m}) -> select_bad_process chooses {v} (dying, or a handler may"
      + " still kill or move it)"),
  OOM_KILL_PROCESS("{t}: oom_kill_process({m}) kills {v}"),
  OOM_KILL_SPARED("{t}: oom_kill_process({m}): task_will_free_mem({v}) -> marks it victim, no kill"),
  OOM_KILL_DYING_AGAIN("{t}: oom_kill_process({m}): {v}'s leader has passed exit_mm, task_will_free_mem false -> "
      + "__oom_kill_process kills it again through the thread still holding the mm"),
  OOM_KILL_GONE("{t}: oom_kill_process({m}): {v} has passed exit_mm -> __oom_kill_process skips it, no oom_kill"),
  GROUP_MEMBER("{t}: mem_cgroup_scan_tasks({m}, oom_kill_memcg_member) -> __oom_kill_process kills {v}"),

  // oomlock3x / the end-of-fault synchronisation kept in 4.19 and 6.1.
  L_CHARGE_NOMEM("{t}: mem_cgroup_oom({m}) records memcg_in_oom -> try_charge returns -ENOMEM"),
  L_SYNC_LOCKED("{t}: mem_cgroup_oom_synchronize: mem_cgroup_oom_trylock({m}) succeeds"),
  L_SYNC_LOCKED_FREEZE("{t}: mem_cgroup_oom_synchronize: trylock({m}) ok, oom_kill_disable -> sleeps on memcg_oom_waitq"),
  L_SYNC_SLEEP("{t}: mem_cgroup_oom_synchronize: mem_cgroup_oom_trylock({m}) fails -> sleeps on memcg_oom_waitq"),
  L_SYNC_UNLOCK("{t}: mem_cgroup_oom_unlock({m}); memcg_oom_recover({m}) -> fault retried"),
  L_SYNC_WOKEN("{t}: woken on memcg_oom_waitq -> unmark_under_oom({m}), fault retried"),
  L_RECOVER("memcg_oom_recover({m}): __wake_up(memcg_oom_waitq) for ancestors and descendants"),

  // Davydov 2015 (seed 000).
  D_TRYLOCK("{t}: oom_trylock({m}) takes oom_context of every memcg below {m}"),
  D_TRYLOCK_WAIT("{t}: oom_trylock({m}) finds {n}'s oom_context owned or with a live victim -> sleeps on its waitq"),
  D_TRYLOCK_WOKEN("{t}: woken on {m}'s oom_context waitq -> oom_trylock returns false, retries"),
  D_FREEZE("{t}: oom_kill_disable({m}) -> memcg_wait_oom_recover: sleeps on memcg_oom_waitq"),
  D_UNLOCK("{t}: oom_unlock({m}): no live victim, wake_up_all(oom_context waitqs)"),
  D_UNLOCK_WAIT("{t}: oom_unlock({m}): waits on {n}'s oom_context waitq for its victim to exit"),
  D_VICTIM_GONE("{t}: woken: its victim exited -> retries the charge"),

  // Hocko 2018 / mainline 6.
  H_OOM("{t}: mem_cgroup_oom({m}): mark_under_oom, mem_cgroup_oom_trylock, unmark -> mem_cgroup_out_of_memory: waits for oom_lock"),
  H_OOM_ASYNC("{t}: mem_cgroup_oom({m}): oom_kill_disable, user fault -> OOM_ASYNC, -ENOMEM, handled at the end of the fault"),
  H_OOM_SKIPPED("{t}: mem_cgroup_oom({m}): oom_kill_disable, not a user fault -> -ENOMEM"),
  H_MUTEX_TAKEN("{t}: takes oom_lock"),
  H_MUTEX_KILLED("{t}: mutex_lock_killable(&oom_lock) interrupted by SIGKILL -> OOM_SUCCESS, retries"),
  H_MARGIN("{t}: mem_cgroup_out_of_memory({m}): mem_cgroup_margin() >= 1 -> unlock, retry"),
  H_DYING("{t}: mem_cgroup_out_of_memory({m}): task_is_dying() -> unlock, retry"),
  H_UNLOCK("{t}: mutex_unlock(&oom_lock), mem_cgroup_oom_unlock({m}) -> retries the charge"),
  H_UNLOCK_FAILED("{t}: mutex_unlock(&oom_lock), mem_cgroup_oom_unlock({m}): OOM_FAILED"),
  H_DYING_NOMEM("{t}: passed_oom && task_is_dying() -> -ENOMEM"),
  H_REAPED_NOMEM("{t}: try_charge_memcg: a reaped OOM victim (MMF_OOM_SKIP) -> -ENOMEM before reclaim"),
  GROUP_DYING_AGAIN("{t}: mem_cgroup_scan_tasks({m}): {v}'s leader passed cgroup_exit -> yielded again from "
      + "dying_tasks, __oom_kill_process counts it again"),
  GROUP_DYING_SKIPPED("{t}: mem_cgroup_scan_tasks({m}): {v}'s leader not yet on dying_tasks -> not yielded again"),
  GROUP_WALK_END("{t}: mem_cgroup_scan_tasks({m}, oom_kill_memcg_member): the members left have exited -> done");

  private final String template;

  Op(String template) {
    this.template = template;
  }

  public String template() {
    return template;
  }
}
