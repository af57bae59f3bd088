package oomlab.model.design;

import static oomlab.model.explore.State.IN_OOM_KILL;
import static oomlab.model.explore.State.MEMCG_IN_OOM;
import static oomlab.model.explore.State.OOM_LOCKED;
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
 * {@code oom_lock} mutex. Subclasses say what differs between 4.19 and 6.1.
 */
public abstract class ChargePathOom extends EndOfFaultOom {
  static final int RECLAIM = DESIGN_PC;
  /** Waiting for the global oom_lock mutex. */
  static final int MUTEX = DESIGN_PC + 1;
  /** Holds oom_lock, about to out_of_memory(). */
  static final int OOM_KILL = DESIGN_PC + 2;
  /** OOM_FAILED: about to force the charge. */
  static final int FORCE = DESIGN_PC + 3;

  private static final int G_OOM_LOCK_HOLDER = 0;

  protected ChargePathOom(ModelScenario sc) {
    super(sc, 1, 0);
  }

  /** 4.19: a victim or dying task force-charges ("Allow dying and OOM-killed tasks to bypass"). */
  protected abstract boolean dyingForceCharge();

  /** 6.1: {@code if (passed_oom && task_is_dying()) goto nomem}. */
  protected abstract boolean dyingFails();

  /** 6.1: mutex_lock_killable, {@code mem_cgroup_margin() >= 1} and task_is_dying() under oom_lock. */
  protected abstract boolean marginRecheck();

  /** 4.19: OOM_FAILED -> force; 6.1: mem_cgroup_oom false -> nomem. */
  protected abstract boolean forceWhenNoVictim();

  /** oom_badness clamps to 1 (4.19) or returns raw points (6.1). */
  protected abstract boolean clampToOne();

  @Override
  protected boolean hasReaper() {
    return true;
  }

  @Override
  protected void chargeFailed(State s, int t, int over, Successors out) {
    if (dyingForceCharge() && dying(s, t)) {
      State n = out.next();
      commitCharge(n, t);
      out.emit(Step.of(Op.FORCE_CHARGE, t, over, 0));
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
    if (dyingFails() && s.flag(t, PASSED_OOM) && dying(s, t)) {
      nomem(n, t);
      out.emit(Step.of(Op.H_DYING_NOMEM, t, over, 0));
      return;
    }
    memoryEvent(n, over, Event.OOM);
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
    if (marginRecheck() && s.flag(t, SIGKILL)) {
      State n = out.next();
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.H_MUTEX_KILLED, t, over, 0));
    }
    if (s.global(G_OOM_LOCK_HOLDER) != 0) return;
    State n = out.next();
    if (marginRecheck() && margin(s, over)) {
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.H_MARGIN, t, over, 0));
      return;
    }
    if (marginRecheck() && dying(s, t)) {
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.H_DYING, t, over, 0));
      return;
    }
    n.setGlobal(G_OOM_LOCK_HOLDER, t + 1);
    n.setFlag(t, IN_OOM_KILL, true);
    n.setPc(t, OOM_KILL);
    out.emit(Step.of(Op.H_MUTEX_TAKEN, t, over, 0));
  }

  @Override
  protected boolean victimWillFreeMem() {
    return true; // oom_kill_process's task_will_free_mem(victim), 4.7 and later
  }

  /** out_of_memory() under oom_lock, then mutex_unlock and mem_cgroup_oom_unlock. */
  private void outOfMemory(State s, int t, Successors out) {
    int over = s.over(t);
    if (!marginRecheck() && dying(s, t)) {
      // task_will_free_mem(current): mark_oom_victim(current), wake_oom_reaper; return true.
      State n = out.next();
      markSelfVictim(n, t);
      n.setGlobal(G_OOM_LOCK_HOLDER, 0);
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.KILL_SELF_DYING, t, over, 0));
      return;
    }
    List<Integer> victims = selectBadProcess(s, over, true, clampToOne());
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
      int flags = kill(s, n, v, over, true);
      n.setGlobal(G_OOM_LOCK_HOLDER, 0);
      oomDone(n, t, over, true);
      out.emit(Step.of(Op.KILL, t, over, v) | flags);
    }
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
    } else if (forceWhenNoVictim()) {
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
    return sc.cgroupVersion() == 2;
  }

  /**
   * One round of the loop under {@code oom_lock} (taken and released within the step: the
   * writer is no task, so nothing observes it holding the mutex). {@code select_bad_process}
   * aborting on a live victim makes out_of_memory return true ({@code oc->chosen == -1}) and the
   * loop spin until the victim exits or is reaped: modelled as the writer waiting for that.
   */
  @Override
  protected void memoryMaxWriteStep(State s, int h, int memcg, Successors out) {
    if (s.usage(memcg) <= s.limit(memcg)) {
      State n = out.next();
      n.setHandlerDone(h, H_DONE);
      out.emit(Step.of(Op.W_DONE, Step.NONE, memcg, 0));
      return;
    }
    if (s.global(G_OOM_LOCK_HOLDER) != 0) return; // mutex_lock_killable(&oom_lock) sleeps
    List<Integer> victims = selectBadProcess(s, memcg, true, clampToOne());
    if (victims.isEmpty()) {
      State n = out.next();
      memoryEvent(n, memcg, Event.OOM);
      n.setHandlerDone(h, H_DONE);
      out.emit(Step.of(Op.W_NO_VICTIM, Step.NONE, memcg, 0));
      return;
    }
    if (victims.get(0) == ABORT) return;
    for (int v : victims) {
      State n = out.next();
      memoryEvent(n, memcg, Event.OOM);
      int flags = kill(s, n, v, memcg, true);
      out.emit(Step.of(Op.W_OOM_KILL, Step.NONE, memcg, v) | flags);
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
