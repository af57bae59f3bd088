package oomlab.model.design;

import static oomlab.model.explore.State.IN_OOM_KILL;
import static oomlab.model.explore.State.MEMCG_IN_OOM;
import static oomlab.model.explore.State.OOM_LOCKED;
import static oomlab.model.explore.State.OOM_VICTIM;
import static oomlab.model.explore.State.SIGKILL;

import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Op;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;
import oomlab.model.explore.Successors;

/**
 * The memcg OOM handled at the end of a page fault, as mainline has done since 3.12
 * (3812c8c8f395 "mm: memcg: do not trap chargers with full callstack on OOM") and still does in
 * 6.1 for oom_kill_disable: {@code mem_cgroup_oom_synchronize()} (mm/memcontrol.c) with the
 * hierarchical {@code oom_lock} flags of {@code mem_cgroup_oom_trylock()} (set over the subtree,
 * rolled back on failure), the {@code under_oom} counter of {@code mem_cgroup_mark_under_oom()},
 * and the one {@code memcg_oom_waitq} whose {@code memcg_oom_wake_function()} wakes only waiters
 * whose memcg is an ancestor or descendant of the waker's. {@code memcg_oom_recover()} wakes when
 * {@code under_oom} is set: on uncharge, limit enlargement, oom_kill_disable cleared, and by the
 * lock holder after it unlocks.
 */
public abstract class EndOfFaultOom extends MemcgModel {
  /** VM_FAULT_OOM reached pagefault_out_of_memory(). */
  protected static final int PF_OOM = DESIGN_PC + 10;
  /** schedule() in mem_cgroup_oom_synchronize, TASK_KILLABLE on memcg_oom_waitq. */
  protected static final int SYNC_SLEEP = DESIGN_PC + 11;
  /** Woken on memcg_oom_waitq, finishing mem_cgroup_oom_synchronize. */
  protected static final int SYNC_WOKEN = DESIGN_PC + 12;
  /** Holds the subtree's oom_lock, oom_kill_disable clear: about to mem_cgroup_out_of_memory. */
  protected static final int SYNC_KILL = DESIGN_PC + 13;

  protected static final int M_OOM_LOCK = 0;
  protected static final int M_UNDER_OOM = 1;

  protected EndOfFaultOom(ModelScenario sc, DesignFacts facts, int globals, int taskSlots) {
    super(sc, facts, globals, 2, taskSlots);
  }

  /** mem_cgroup_out_of_memory from the end of the fault; must end in {@link #syncDone}. */
  protected abstract void syncOutOfMemory(State s, int t, int over, Successors out);

  protected final boolean dying(State s, int t) {
    return s.flag(t, OOM_VICTIM) || s.flag(t, SIGKILL);
  }

  @Override
  protected void taskStep(State s, int t, int pc, Successors out) {
    int over = s.over(t);
    switch (pc) {
      case PF_OOM -> pagefaultOutOfMemory(s, t, over, out);
      case SYNC_SLEEP -> {
        if (s.flag(t, SIGKILL)) {
          State n = out.next();
          n.setPc(t, SYNC_WOKEN);
          out.emit(Step.of(Op.WAKE_SIGNAL, t, 0, 0));
        }
      }
      case SYNC_WOKEN -> {
        State n = out.next();
        unmarkUnderOom(n, over, M_UNDER_OOM);
        syncDone(n, t, over);
        out.emit(Step.of(Op.L_SYNC_WOKEN, t, over, 0));
      }
      case SYNC_KILL -> syncOutOfMemory(s, t, over, out);
      default -> chargePathStep(s, t, pc, out);
    }
  }

  /** Steps of the design's own program counters (the charge path). */
  protected abstract void chargePathStep(State s, int t, int pc, Successors out);

  /** pagefault_out_of_memory -> mem_cgroup_oom_synchronize(true). */
  private void pagefaultOutOfMemory(State s, int t, int over, Successors out) {
    State n = out.next();
    if (!s.flag(t, MEMCG_IN_OOM)) {
      // 6.1: not a memcg OOM left for us: "Huh VM_FAULT_OOM leaked out", the fault is retried.
      n.setPc(t, RUNNING);
      out.emit(Step.of(Op.FAULT_RETRY, t, 0, 0));
      return;
    }
    // prepare_to_wait(TASK_KILLABLE); mark_under_oom; trylock; notify if locked.
    markUnderOom(n, over, M_UNDER_OOM);
    boolean locked = trylock(n, over);
    n.setFlag(t, OOM_LOCKED, locked);
    if (locked) oomNotify(n, over);
    if (locked && !n.oomKillDisable(over)) {
      unmarkUnderOom(n, over, M_UNDER_OOM);
      n.setPc(t, SYNC_KILL);
      n.setFlag(t, IN_OOM_KILL, true);
      out.emit(Step.of(Op.L_SYNC_LOCKED, t, over, 0));
    } else {
      n.setPc(t, SYNC_SLEEP);
      out.emit(Step.of(locked ? Op.L_SYNC_LOCKED_FREEZE : Op.L_SYNC_SLEEP, t, over, 0));
    }
  }

  /** End of mem_cgroup_oom_synchronize: unlock and recover if locked; the fault is retried. */
  protected final void syncDone(State n, int t, int over) {
    if (n.flag(t, OOM_LOCKED)) {
      oomUnlock(n, over);
      n.setFlag(t, OOM_LOCKED, false);
      memcgOomRecover(n, over);
    }
    n.setFlag(t, MEMCG_IN_OOM, false);
    n.setFlag(t, IN_OOM_KILL, false);
    n.setPc(t, RUNNING);
  }

  /** mem_cgroup_oom_trylock: all of the subtree's oom_lock flags, or none. */
  protected final boolean trylock(State n, int memcg) {
    for (int m : subtree[memcg]) if (n.memcgSlot(m, M_OOM_LOCK) != 0) return false;
    for (int m : subtree[memcg]) n.setMemcgSlot(m, M_OOM_LOCK, 1);
    return true;
  }

  protected final void oomUnlock(State n, int memcg) {
    for (int m : subtree[memcg]) n.setMemcgSlot(m, M_OOM_LOCK, 0);
  }

  /** memcg_oom_recover: wakes waiters in memcg's ancestors and descendants if under_oom. */
  @Override
  protected final void memcgOomRecover(State n, int memcg) {
    wakeUnderOom(n, memcg, M_UNDER_OOM, SYNC_SLEEP, SYNC_WOKEN);
  }

  @Override
  public boolean asleep(State s, int t) {
    return s.pc(t) == SYNC_SLEEP;
  }

  @Override
  public boolean wakeConditionHolds(State s, int t) {
    int over = s.over(t);
    return margin(s, s.memcg(t)) || !s.oomKillDisable(over) && !holdsLockOtherThan(s, over, t);
  }

  /** Whether a task other than t holds the oom_lock of a memcg overlapping {@code memcg}. */
  private boolean holdsLockOtherThan(State s, int memcg, int t) {
    for (int u = 0; u < tasks; u++) {
      if (u != t && s.flag(u, OOM_LOCKED) && overlap(s.over(u), memcg)) return true;
    }
    return false;
  }

  @Override
  public boolean frozenByUserspace(State s, int t) {
    return s.pc(t) == SYNC_SLEEP && s.oomKillDisable(s.over(t));
  }
}
