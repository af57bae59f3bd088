package oomlab.model.design;

import static oomlab.model.explore.State.IN_OOM_KILL;
import static oomlab.model.explore.State.MEMCG_IN_OOM;
import static oomlab.model.explore.State.MMF_OOM_SKIP;
import static oomlab.model.explore.State.OOM_LOCKED;
import static oomlab.model.explore.State.OOM_VICTIM;
import static oomlab.model.explore.State.PASSED_OOM;
import static oomlab.model.explore.State.SIGKILL;

import java.util.List;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Op;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;
import oomlab.model.explore.Successors;

/**
 * The memcg OOM killer invoked from the charge path again (Hocko 2018, seed 002, 4.19), as
 * mainline kept it: {@code try_charge} -> {@code mem_cgroup_oom()}: {@code memcg_memory_event(
 * MEMCG_OOM)}; oom_kill_disable: OOM_ASYNC for user faults (handled by
 * mem_cgroup_oom_synchronize at the end of the fault, see {@link EndOfFaultOom}), ENOMEM for the
 * rest; otherwise mark_under_oom, {@code mem_cgroup_oom_trylock} (only gates
 * {@code mem_cgroup_oom_notify}), unmark, then {@code mem_cgroup_out_of_memory()} under the global
 * {@code oom_lock} mutex. What differs between 4.19, 5.10, 6.1, 6.12 and 7.2 are the facts of
 * {@link ChargePathEras} the design is built with.
 */
public final class ChargePathOom extends EndOfFaultOom {
  static final int RECLAIM = DESIGN_PC;
  /** Waiting for the global oom_lock mutex. */
  static final int MUTEX = DESIGN_PC + 1;
  /** Holds oom_lock, about to out_of_memory(). */
  static final int OOM_KILL = DESIGN_PC + 2;
  /** OOM_FAILED: about to force the charge. */
  static final int FORCE = DESIGN_PC + 3;

  /**
   * Who holds the global oom_lock mutex: 0 nobody, task t as t + 1, the v2 limit writer of handler
   * h (a killer that is no task, see {@link #killer}) as tasks + h + 1.
   */
  private static final int G_OOM_LOCK_HOLDER = 0;
  /**
   * The victim + 1 select_bad_process chose while oom_kill_process has not run yet; set only when
   * the victim can exit or move in between (it is dying, or a handler may still kill or move it).
   */
  private static final int G_CHOSEN = 1;
  /**
   * That victim's memcg + 1 at selection: mem_cgroup_from_task still answers for a task past
   * exit_mm (the model forgets an exited task's memcg).
   */
  private static final int G_CHOSEN_MEMCG = 2;
  /** The oom.group memcg + 1 while mem_cgroup_scan_tasks(oom_group, oom_kill_memcg_member) runs. */
  private static final int G_SCAN_GROUP = 3;
  /**
   * The task index that walk visits next; from {@code tasks} on, {@code tasks} + the index in its
   * pass over {@code cset->dying_tasks} ({@link Fact#DYING_LEADERS_ITERATED}).
   */
  private static final int G_SCAN_NEXT = 4;

  public ChargePathOom(ModelScenario sc, DesignFacts facts) {
    super(sc, facts, 5, 0);
    taskIdSlots(new int[] {G_OOM_LOCK_HOLDER, G_CHOSEN}, new int[0]);
  }

  @Override
  protected void chargeFailed(State s, int t, int over, Successors out) {
    if (has(Fact.DYING_FORCE_CHARGE) && dying(s, t)) {
      State n = out.next();
      commitCharge(n, t);
      out.emit(Step.of(Op.FORCE_CHARGE, t, over, 0));
    } else if (has(Fact.REAPED_VICTIM_NOMEM) && s.flag(t, OOM_VICTIM) && s.flag(t, MMF_OOM_SKIP)) {
      State n = out.next();
      n.setOver(t, over);
      nomem(n, t);
      out.emit(Step.of(Op.H_REAPED_NOMEM, t, over, 0));
    } else {
      reclaim(s, t, over, out, RECLAIM);
    }
  }

  @Override
  protected void chargePathStep(State s, int t, int pc, Successors out) {
    switch (pc) {
      case RECLAIM -> reclaimGaveUp(s, t, out);
      case MUTEX -> mutexLock(s, t, out);
      case OOM_KILL -> outOfMemory(s, t, out);
      case FORCE -> {
        State n = out.next();
        commitCharge(n, t);
        out.emit(Step.of(Op.FORCE_CHARGE, t, s.over(t), 0));
      }
      default -> throw new IllegalStateException("pc " + pc);
    }
  }

  /** The reclaim retries are over (or found room): mem_cgroup_oom(). */
  private void reclaimGaveUp(State s, int t, Successors out) {
    if (retryIfFits(s, t, out)) return;
    int over = overLimit(s, s.memcg(t));
    State n = out.next();
    n.setOver(t, over);
    if (has(Fact.DYING_NOMEM) && s.flag(t, PASSED_OOM) && dying(s, t)) {
      nomem(n, t);
      out.emit(Step.of(Op.H_DYING_NOMEM, t, over, 0));
      return;
    }
    memoryEvent(n, over, Counter.OOM);
    if (n.oomKillDisable(over)) {
      if (userFault(t)) {
        n.setFlag(t, MEMCG_IN_OOM, true);
        n.setPc(t, PF_OOM);
        out.emit(Step.of(Op.H_OOM_ASYNC, t, over, 0));
      } else {
        enomem(n, t);
        out.emit(Step.of(Op.H_OOM_SKIPPED, t, over, 0));
      }
      return;
    }
    underOomSeen(n, over); // mark_under_oom ... unmark_under_oom around the trylock
    boolean locked = trylock(n, over);
    n.setFlag(t, OOM_LOCKED, locked);
    if (locked) oomNotify(n, over);
    n.setPc(t, MUTEX);
    out.emit(Step.of(Op.H_OOM, t, over, 0));
  }

  /**
   * mutex_lock(_killable)(&oom_lock). Taking a lock is a right mover (Lipton), so it is merged
   * with the margin and task_is_dying() checks that follow it; unlocking is a left mover and is
   * merged with the step before it.
   */
  private void mutexLock(State s, int t, Successors out) {
    int over = s.over(t);
    if (has(Fact.MARGIN_RECHECK) && s.flag(t, SIGKILL)) {
      State n = out.next();
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.H_MUTEX_KILLED, t, over, 0));
    }
    if (s.global(G_OOM_LOCK_HOLDER) != 0) return;
    State n = out.next();
    if (has(Fact.MARGIN_RECHECK) && margin(s, over)) {
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.H_MARGIN, t, over, 0));
      return;
    }
    if (has(Fact.DYING_BAIL_UNDER_OOM_LOCK) && dying(s, t)) {
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.H_DYING, t, over, 0));
      return;
    }
    n.setGlobal(G_OOM_LOCK_HOLDER, t + 1);
    n.setFlag(t, IN_OOM_KILL, true);
    n.setPc(t, OOM_KILL);
    out.emit(Step.of(Op.H_MUTEX_TAKEN, t, over, 0));
  }

  /** out_of_memory() under oom_lock, then mutex_unlock and mem_cgroup_oom_unlock. */
  private void outOfMemory(State s, int t, Successors out) {
    int over = s.over(t);
    if (killInProgress(s)) {
      killStep(s, t, over, out);
      return;
    }
    if (!has(Fact.DYING_BAIL_UNDER_OOM_LOCK) && willFreeMem(s, t)) {
      // out_of_memory's task_will_free_mem(current): mark_oom_victim(current), wake_oom_reaper;
      // return true (4.19, 7.2; 5.10 to 6.12 returned before, on task_is_dying()).
      State n = out.next();
      markSelfVictim(n, t);
      n.setGlobal(G_OOM_LOCK_HOLDER, 0);
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.KILL_SELF_DYING, t, over, 0));
      return;
    }
    List<Integer> victims = selectBadProcess(s, over, true);
    if (victims.isEmpty()) {
      State n = out.next();
      n.setGlobal(G_OOM_LOCK_HOLDER, 0);
      oomDone(n, t, over, false);
      out.emit(Step.of(Op.KILL_NONE, t, over, 0));
      return;
    }
    if (victims.get(0) == ABORT) {
      State n = out.next();
      n.setGlobal(G_OOM_LOCK_HOLDER, 0);
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.KILL_ABORT, t, over, 0));
      return;
    }
    for (int v : victims) {
      State n = out.next();
      int flags = chosen(s, n, t, over, v);
      out.emit(Step.of(n.global(G_CHOSEN) != 0 ? Op.KILL_CHOSEN : Op.KILL, t, over, v) | flags);
    }
  }

  // ------------------------------------------------------------------ oom_kill_process

  /** The killer id of task t is t; of the v2 limit writer of handler h, tasks + h. */
  private int killer(int h) {
    return tasks + h;
  }

  /** Whether the oom_lock holder is between select_bad_process and the end of oom_kill_process. */
  private static boolean killInProgress(State s) {
    return s.global(G_CHOSEN) != 0 || s.global(G_SCAN_GROUP) != 0;
  }

  /**
   * select_bad_process chose v for an OOM in {@code domain}; the killer holds oom_lock. When v
   * cannot exit or move before oom_kill_process runs (it is not dying and no handler may still
   * SIGKILL or move it: nobody else kills under oom_lock), nothing oom_kill_process reads can
   * change meanwhile, so it runs in the same step; otherwise the choice is recorded and
   * oom_kill_process is a step of its own. Returns the kill's step flags.
   */
  private int chosen(State s, State n, int killer, int domain, int v) {
    n.setGlobal(G_OOM_LOCK_HOLDER, killer + 1);
    if (dying(s, v) || handlerMayReach(s, v)) {
      n.setGlobal(G_CHOSEN, v + 1);
      n.setGlobal(G_CHOSEN_MEMCG, s.memcg(v) + 1);
      return 0;
    }
    int flags = oomKillProcess(s, n, domain, v, s.memcg(v), true);
    settle(n, killer);
    return flags;
  }

  /**
   * oom_kill_process(oc, victim) (6.1 and 5.10 mm/oom_kill.c; 4.19 alike):
   * <ol>
   *   <li>{@code task_will_free_mem(victim)} under task_lock: mark_oom_victim, queue_oom_reaper,
   *       return: no kill, no oom_kill, no group kill. False for a victim past exit_mm, and false
   *       too for a dying victim whose thread-group leader has passed exit_mm while another of
   *       its threads still holds the mm ({@code victim->mm} is the leader's): the workload's
   *       main thread is not its allocating thread, so any dying victim may be in that state
   *       ({@code leaderHasMm} false, {@link #killStep}).
   *   <li>{@code mem_cgroup_get_oom_group(victim, oc->memcg)}, from the victim's memcg (which
   *       mem_cgroup_from_task still gives after its exit).
   *   <li>{@code __oom_kill_process(victim)}: {@code find_lock_task_mm} finds no mm when the victim
   *       has passed exit_mm: "OOM victim ... is already exiting. Skip killing the task", no
   *       oom_kill counted, its sharers not signalled; else the oom_kill event, SIGKILL, mark.
   *   <li>With an oom_group: {@code memcg_memory_event(oom_group, MEMCG_OOM_GROUP_KILL)}, then
   *       {@code mem_cgroup_scan_tasks(oom_group, oom_kill_memcg_member)}, which the killer walks
   *       one member per step ({@link #groupMemberStep}): the victim and every other process can
   *       pass exit_mm before the walk reaches it (the walk takes no lock a dying task's exit
   *       waits for, and cond_resched()s between members).
   * </ol>
   * Returns the step flags of the victim's kill.
   */
  private int oomKillProcess(State before, State n, int domain, int v, int victimMemcg, boolean leaderHasMm) {
    boolean hasMm = hasMm(n, v);
    if (hasMm && leaderHasMm && willFreeMem(n, v)) {
      markSelfVictim(n, v);
      return 0;
    }
    int group = oomGroup(hasMm ? n.memcg(v) : victimMemcg, domain);
    int flags = 0;
    if (hasMm) {
      flags = Step.KILLS | overkill(before, v, domain);
      killOne(n, v);
    }
    if (group >= 0) {
      memoryEvent(n, group, Counter.OOM_GROUP_KILL);
      n.setGlobal(G_SCAN_GROUP, group + 1);
      n.setGlobal(G_SCAN_NEXT, 0);
    }
    return flags;
  }

  /**
   * After a step of the kill: the group walk ends when no member it has still to visit has an mm
   * (members that exited stay skipped: no step); then the killer leaves oom_kill_process,
   * out_of_memory and mutex_unlock(&oom_lock) (a left mover, merged with the step before).
   */
  private void settle(State n, int killer) {
    int group = n.global(G_SCAN_GROUP) - 1;
    if (group >= 0 && n.global(G_SCAN_NEXT) < tasks && nextGroupMember(n, group, n.global(G_SCAN_NEXT)) < 0) {
      n.setGlobal(G_SCAN_NEXT, tasks);
    }
    if (group >= 0 && n.global(G_SCAN_NEXT) >= tasks && nextDyingMember(n, group, n.global(G_SCAN_NEXT) - tasks) < 0) {
      n.setGlobal(G_SCAN_GROUP, 0);
      n.setGlobal(G_SCAN_NEXT, 0);
    }
    if (killInProgress(n)) return;
    n.setGlobal(G_OOM_LOCK_HOLDER, 0);
    if (killer < tasks) oomDone(n, killer, n.over(killer), true);
  }

  /** The next step of a kill in progress: oom_kill_process of the chosen victim, or a group member. */
  private void killStep(State s, int killer, int domain, Successors out) {
    int task = killer < tasks ? killer : Step.NONE;
    State n = out.next();
    int v = s.global(G_CHOSEN) - 1;
    if (v >= 0) {
      n.setGlobal(G_CHOSEN, 0);
      n.setGlobal(G_CHOSEN_MEMCG, 0);
      int flags = oomKillProcess(s, n, domain, v, s.global(G_CHOSEN_MEMCG) - 1, true);
      Op op = !hasMm(s, v) ? Op.OOM_KILL_GONE : flags == 0 ? Op.OOM_KILL_SPARED : Op.OOM_KILL_PROCESS;
      settle(n, killer);
      out.emit(Step.of(op, task, domain, v) | flags);
      if (op == Op.OOM_KILL_SPARED && threadOutlivesLeader(s, v)) {
        // The spared victim's leader may have passed exit_mm while its allocating thread holds
        // the mm: task_will_free_mem(victim) reads the leader's NULL mm and is false, and
        // __oom_kill_process finds the thread (find_lock_task_mm), counts oom_kill again and
        // SIGKILLs the mm's processes, who are all dying already (6.1 v2 race-shared-mm: the
        // sharer a, SIGKILLed with b, killed again as "Killed process <a's thread>", oom_kill 2).
        State again = out.next();
        again.setGlobal(G_CHOSEN, 0);
        again.setGlobal(G_CHOSEN_MEMCG, 0);
        int againFlags = oomKillProcess(s, again, domain, v, s.global(G_CHOSEN_MEMCG) - 1, false);
        settle(again, killer);
        out.emit(Step.of(Op.OOM_KILL_DYING_AGAIN, task, domain, v) | againFlags);
      }
      return;
    }
    groupMemberStep(s, n, killer, task, out);
  }

  /**
   * One visit of mem_cgroup_scan_tasks(oom_group, oom_kill_memcg_member): __oom_kill_process on
   * the next member that still has an mm, the victim included again: oom_kill counted once more,
   * SIGKILL, mark_oom_victim, its sharers signalled (not counted).
   */
  private void groupMemberStep(State s, State n, int killer, int task, Successors out) {
    int group = s.global(G_SCAN_GROUP) - 1;
    if (s.global(G_SCAN_NEXT) >= tasks) {
      dyingMemberStep(s, n, killer, task, group, out);
      return;
    }
    int u = nextGroupMember(s, group, s.global(G_SCAN_NEXT));
    if (u < 0) {
      // Every member the walk had still to visit passed exit_mm after the last visit (a sharer
      // SIGKILLed with its mm's victim, a victim dying on its own): find_lock_task_mm finds no mm
      // for any of them, so the rest of the walk kills nothing and oom_kill_process returns.
      n.setGlobal(G_SCAN_GROUP, 0);
      n.setGlobal(G_SCAN_NEXT, 0);
      settle(n, killer);
      out.emit(Step.of(Op.GROUP_WALK_END, task, group, 0));
      return;
    }
    killOne(n, u);
    n.setGlobal(G_SCAN_NEXT, u + 1);
    settle(n, killer);
    out.emit(Step.of(Op.GROUP_MEMBER, task, group, u));
  }

  /**
   * The walk's pass over {@code cset->dying_tasks} ({@link Fact#DYING_LEADERS_ITERATED}): a
   * SIGKILLed member whose leader reached {@code cgroup_exit} before the iterator got there is
   * yielded again, and {@code __oom_kill_process} counts it once more through the thread still
   * holding the mm (6.12 v2 race-oom-group-minus-1000: oom_kill 4 for two processes, the fourth
   * "Killed process" naming a thread of y); one whose leader had not is not. Either way nobody new
   * dies: every member was SIGKILLed at its first visit.
   */
  private void dyingMemberStep(State s, State n, int killer, int task, int group, Successors out) {
    int u = nextDyingMember(s, group, s.global(G_SCAN_NEXT) - tasks);
    if (u < 0) {
      n.setGlobal(G_SCAN_GROUP, 0);
      n.setGlobal(G_SCAN_NEXT, 0);
      settle(n, killer);
      out.emit(Step.of(Op.GROUP_WALK_END, task, group, 0));
      return;
    }
    n.setGlobal(G_SCAN_NEXT, tasks + u + 1);
    settle(n, killer);
    out.emit(Step.of(Op.GROUP_DYING_SKIPPED, task, group, u));
    State again = out.next();
    killOne(again, u);
    again.setGlobal(G_SCAN_NEXT, tasks + u + 1);
    settle(again, killer);
    out.emit(Step.of(Op.GROUP_DYING_AGAIN, task, group, u));
  }

  /**
   * The next member from task index {@code from} on that the dying_tasks pass may yield again:
   * the era iterates dying leaders, the member was SIGKILLed, and a thread of it other than its
   * leader still holds the mm ({@link #threadOutlivesLeader}); -1 for none.
   */
  private int nextDyingMember(State s, int group, int from) {
    if (!has(Fact.DYING_LEADERS_ITERATED)) return -1;
    for (int t = nextGroupMember(s, group, from); t >= 0; t = nextGroupMember(s, group, t + 1)) {
      if (s.flag(t, SIGKILL) && threadOutlivesLeader(s, t)) return t;
    }
    return -1;
  }

  /** mem_cgroup_oom returns {@code ret}: unlock, then retry, force, or nomem. */
  private void oomDone(State n, int t, int over, boolean ret) {
    n.setFlag(t, IN_OOM_KILL, false);
    if (n.flag(t, MEMCG_IN_OOM)) { // came from mem_cgroup_oom_synchronize
      syncDone(n, t, over);
      return;
    }
    if (n.flag(t, OOM_LOCKED)) {
      oomUnlock(n, over);
      n.setFlag(t, OOM_LOCKED, false);
    }
    if (ret) {
      n.setFlag(t, PASSED_OOM, true);
      n.setPc(t, RETRY);
    } else if (has(Fact.FORCE_WHEN_NO_VICTIM)) {
      n.setPc(t, FORCE);
    } else {
      nomem(n, t);
    }
  }

  /** -ENOMEM from try_charge: a user fault becomes VM_FAULT_OOM, a kernel charge fails. */
  private void nomem(State n, int t) {
    n.setFlag(t, PASSED_OOM, false);
    if (userFault(t)) {
      n.setPc(t, PF_OOM);
    } else {
      enomem(n, t);
    }
  }

  @Override
  protected void syncOutOfMemory(State s, int t, int over, Successors out) {
    // mem_cgroup_oom_synchronize -> mem_cgroup_out_of_memory: the same oom_lock path.
    State n = out.next();
    n.setPc(t, MUTEX);
    n.setFlag(t, IN_OOM_KILL, false);
    out.emit(Step.of(Op.H_OOM, t, over, 0));
  }

  /**
   * cgroup v2 {@code memory_max_write} (4.19 and 6.1 alike): after {@code xchg(&memcg->memory.max,
   * max)} it loops while {@code page_counter_read(&memcg->memory) > max}: drain_all_stock,
   * MAX_RECLAIM_RETRIES rounds of {@code try_to_free_mem_cgroup_pages} (nothing to free here: anon
   * or shmem without swap), then {@code memcg_memory_event(memcg, MEMCG_OOM)} and
   * {@code mem_cgroup_out_of_memory(memcg, GFP_KERNEL, 0)}, breaking out when that returns false
   * (no victim); the write returns success in every case. The agent's writer is no task of the
   * memcg and never dying, so {@code task_will_free_mem(current)} and {@code task_is_dying()} are
   * false. v1 keeps {@code mem_cgroup_resize_max}'s -EBUSY.
   */
  @Override
  protected boolean shrinkKills() {
    return sc.cgroupVersion() == 2 && has(Fact.CGROUP_V2);
  }

  /**
   * One round of the loop under {@code oom_lock} (taken and released within the step: the
   * writer is no task, so nothing observes it holding the mutex; it keeps holding it across steps
   * while oom_kill_process of a victim that may exit meanwhile, or an oom.group walk, is still to
   * run: {@link #killStep}). {@code select_bad_process}
   * aborting on a live victim makes out_of_memory return true ({@code oc->chosen == -1}) and the
   * loop spin until the victim exits or is reaped: modelled as the writer waiting for that.
   */
  @Override
  protected void memoryMaxWriteStep(State s, int h, int memcg, Successors out) {
    int killer = killer(h);
    if (s.global(G_OOM_LOCK_HOLDER) == killer + 1) {
      killStep(s, killer, memcg, out);
      return;
    }
    if (s.usage(memcg) <= s.limit(memcg)) {
      State n = out.next();
      n.setHandlerDone(h, H_DONE);
      out.emit(Step.of(Op.W_DONE, Step.NONE, memcg, 0));
      return;
    }
    if (s.global(G_OOM_LOCK_HOLDER) != 0) return; // mutex_lock_killable(&oom_lock) sleeps
    List<Integer> victims = selectBadProcess(s, memcg, true);
    if (victims.isEmpty()) {
      State n = out.next();
      memoryEvent(n, memcg, Counter.OOM);
      n.setHandlerDone(h, H_DONE);
      out.emit(Step.of(Op.W_NO_VICTIM, Step.NONE, memcg, 0));
      return;
    }
    if (victims.get(0) == ABORT) return;
    for (int v : victims) {
      State n = out.next();
      memoryEvent(n, memcg, Counter.OOM);
      int flags = chosen(s, n, killer, memcg, v);
      out.emit(Step.of(n.global(G_CHOSEN) != 0 ? Op.W_OOM_CHOSEN : Op.W_OOM_KILL, Step.NONE, memcg, v) | flags);
    }
  }

  @Override
  public boolean asleep(State s, int t) {
    return super.asleep(s, t) || s.pc(t) == MUTEX && s.global(G_OOM_LOCK_HOLDER) != 0;
  }

  @Override
  public boolean wakeConditionHolds(State s, int t) {
    if (s.pc(t) == MUTEX) return s.global(G_OOM_LOCK_HOLDER) == 0;
    return super.wakeConditionHolds(s, t);
  }
}
