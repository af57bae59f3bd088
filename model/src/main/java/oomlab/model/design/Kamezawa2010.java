package oomlab.model.design;

import static oomlab.model.explore.State.IN_OOM_KILL;
import static oomlab.model.explore.State.OOM_VICTIM;
import static oomlab.model.explore.State.SIGKILL;

import java.util.List;
import java.util.Set;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Op;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;
import oomlab.model.explore.Successors;

/**
 * Kamezawa's memcg OOM waitqueue, first version (seed 004, "memcg: oom wakeup filter" era,
 * mmotm-2.6.33, Feb 2010), with its second patch (oom notifier and oom_kill_disable).
 *
 * <ul>
 *   <li>{@code __mem_cgroup_try_charge}: a TIF_MEMDIE task's charge is not accounted ("Don't
 *       account this!"); {@code if (memcg_under_oom(mem_over_limit)) memcg_oom_wait()} before
 *       reclaim: prepare_to_wait, re-check, schedule; then reclaim, then after the retries
 *       {@code memcg_handle_oom}.
 *   <li>{@code memcg_handle_oom}: {@code prepare_to_wait(&memcg_oom_waitq)};
 *       {@code mem_cgroup_walk_tree(mem, &oom_count, set_memcg_oom_cb)} increments oom_count of
 *       every memcg in the subtree (one step here); the task that sees 1 notifies
 *       ({@code mem_cgroup_oom_notify}, whole subtree), kills
 *       ({@code mem_cgroup_out_of_memory}) or, with oom_kill_disable, schedule()s; then
 *       {@code unset_memcg_oom_cb} sets the counts to 0 <b>without waking anyone</b>. Every other
 *       task schedule()s unconditionally. This is the lost wake-up Nishimura found: "I think we
 *       need call memcg_oom_wake() here. Some contexts might have slept already".
 *   <li>Wake-ups ({@code memcg_oom_wake}: wake_up_all on the one global queue) come from uncharge
 *       and limit enlargement, each only {@code if (memcg_under_oom(mem))}.
 *   <li>select_bad_process (2.6.33) returns -1 when a TIF_MEMDIE task exists (no kill) and keeps
 *       the first of equal points; with nothing to kill it retries forever
 *       ({@code if (!p) p = current} and oom_kill_process refuses OOM_DISABLE: goto retry).
 * </ul>
 */
public final class Kamezawa2010 extends MemcgModel {
  static final int RECLAIM = DESIGN_PC;
  static final int WAIT = DESIGN_PC + 1; // memcg_oom_wait (TASK_INTERRUPTIBLE)
  static final int HANDLE_SLEEP = DESIGN_PC + 2; // memcg_handle_oom else branch (TASK_INTERRUPTIBLE)
  static final int KILLER = DESIGN_PC + 3; // oom_count 1: about to mem_cgroup_out_of_memory
  static final int FREEZE = DESIGN_PC + 4; // oom_count 1 and oom_kill_disable: schedule()
  static final int UNSET = DESIGN_PC + 5; // about to unset_memcg_oom_cb
  static final int START = DESIGN_PC + 6; // woken: goto retry -> start:

  private static final int OOM_COUNT = 0; // memcg slot

  /**
   * mmotm-2.6.33: cgroup v1 only (its own OOM notifier is the eventfd of memory.oom_control), no
   * oom_reaper, no counters; 2.6.33's badness is at least 1 and equal points keep the first.
   */
  public static final DesignFacts FACTS = DesignFacts.of("kamezawa2010", "", TieRule.FIRST, Set.of(), Set.of(),
      Fact.BADNESS_CLAMP);

  /** {@link #FACTS} with Nishimura's review applied: the killer wakes the waiters after the unset. */
  public static final DesignFacts FIXED = DesignFacts.of("kamezawa2010-fixed", "", TieRule.FIRST, Set.of(),
      Set.of(), Fact.BADNESS_CLAMP, Fact.WAKE_AFTER_UNSET);

  public Kamezawa2010(ModelScenario sc, DesignFacts facts) {
    super(sc, facts, 0, 1, 0);
  }

  /** Whether the killer wakes the waiters after clearing the counts (the review's fix). */
  private boolean wakeAfterUnset() {
    return has(Fact.WAKE_AFTER_UNSET);
  }

  private boolean underOom(State s, int m) {
    return s.memcgSlot(m, OOM_COUNT) > 0;
  }

  @Override
  protected void chargeFailed(State s, int t, int over, Successors out) {
    if (s.flag(t, OOM_VICTIM) || s.flag(t, SIGKILL)) {
      bypass(s, t, over, out);
    } else if (underOom(s, over)) {
      // memcg_oom_wait: prepare_to_wait; if (memcg_under_oom(mem)) schedule();
      State n = out.next();
      n.setOver(t, over);
      n.setPc(t, WAIT);
      out.emit(Step.of(Op.K_UNDER_OOM_WAIT, t, over, 0));
    } else {
      reclaim(s, t, over, out, RECLAIM);
    }
  }

  @Override
  protected void taskStep(State s, int t, int pc, Successors out) {
    int over = s.over(t);
    switch (pc) {
      case RECLAIM -> {
        if (!retryIfFits(s, t, out)) handleOom(s, t, overLimit(s, s.memcg(t)), out);
      }
      case WAIT, HANDLE_SLEEP -> {
        if (s.flag(t, SIGKILL)) { // TASK_INTERRUPTIBLE: a signal ends the sleep
          State n = out.next();
          n.setPc(t, START);
          out.emit(Step.of(Op.WAKE_SIGNAL, t, 0, 0));
        }
      }
      case FREEZE -> {
        if (s.flag(t, SIGKILL)) {
          State n = out.next();
          n.setPc(t, UNSET);
          out.emit(Step.of(Op.WAKE_SIGNAL, t, 0, 0));
        }
      }
      case KILLER -> outOfMemory(s, t, over, out);
      case UNSET -> {
        State n = out.next();
        for (int m : subtree[over]) n.setMemcgSlot(m, OOM_COUNT, 0);
        n.setFlag(t, IN_OOM_KILL, false);
        if (wakeAfterUnset()) wakeAll(n);
        if (n.flag(t, OOM_VICTIM)) {
          bypassCharge(n, t); // "For smooth oom-kill of current, return 0"
        } else {
          n.setPc(t, START);
        }
        out.emit(Step.of(wakeAfterUnset() ? Op.K_UNSET_WAKE : Op.K_UNSET, t, over, 0));
      }
      case START -> {
        if (s.flag(t, OOM_VICTIM) || s.flag(t, SIGKILL)) {
          bypass(s, t, over, out);
          return;
        }
        if (overLimit(s, s.memcg(t)) < 0) {
          State n = out.next();
          commitCharge(n, t);
          out.emit(Step.of(Op.WOKEN_RETRY, t, s.memcg(t), 0));
        } else {
          chargeFailed(s, t, overLimit(s, s.memcg(t)), out);
        }
      }
      default -> throw new IllegalStateException("pc " + pc);
    }
  }

  /** memcg_handle_oom: prepare_to_wait, walk_tree(set_memcg_oom_cb), first one kills. */
  private void handleOom(State s, int t, int over, Successors out) {
    State n = out.next();
    n.setOver(t, over);
    int max = 0;
    for (int m : subtree[over]) {
      int c = n.memcgSlot(m, OOM_COUNT) + 1;
      n.setMemcgSlot(m, OOM_COUNT, c);
      max = Math.max(max, c);
    }
    underOomSeen(n, over);
    if (max == 1) {
      oomNotify(n, over);
      if (n.oomKillDisable(over)) {
        n.setPc(t, FREEZE);
        out.emit(Step.of(Op.K_NOTIFY, t, over, 0));
      } else {
        n.setPc(t, KILLER);
        n.setFlag(t, IN_OOM_KILL, true);
        out.emit(Step.of(Op.K_HANDLE_FIRST, t, over, 0));
      }
    } else {
      n.setPc(t, HANDLE_SLEEP);
      out.emit(Step.of(Op.K_HANDLE_SLEEP, t, over, 0));
    }
  }

  private void outOfMemory(State s, int t, int over, Successors out) {
    List<Integer> victims = selectBadProcess(s, over, true);
    if (victims.isEmpty()) {
      // if (!p) p = current; oom_kill_process refuses an OOM_DISABLE current: goto retry.
      if (sc.tasks().get(t).oomScoreAdj() == OomBadness.OOM_SCORE_ADJ_MIN) {
        out.next();
        out.emit(Step.of(Op.KILL_NONE, t, over, 0));
        return;
      }
      victims = List.of(t);
    }
    if (victims.get(0) == ABORT) {
      State n = out.next();
      n.setPc(t, UNSET);
      out.emit(Step.of(Op.KILL_ABORT, t, over, 0));
      return;
    }
    for (int v : victims) {
      State n = out.next();
      int flags = kill(s, n, v, over);
      n.setPc(t, UNSET);
      out.emit(Step.of(Op.KILL, t, over, v) | flags);
    }
  }

  /** memcg_oom_wake: wake_up_all(&memcg_oom_waitq). */
  protected final void wakeAll(State n) {
    for (int u = 0; u < tasks; u++) {
      int pc = n.pc(u);
      if (pc == WAIT || pc == HANDLE_SLEEP) n.setPc(u, START);
      else if (pc == FREEZE) n.setPc(u, UNSET);
    }
  }

  /** Uncharge and limit enlargement: {@code if (memcg_under_oom(mem)) memcg_oom_wake()}. */
  @Override
  protected void memcgOomRecover(State n, int memcg) {
    if (underOom(n, memcg)) wakeAll(n);
  }

  @Override
  protected void onOomKillDisableOff(State n, int memcg) {
    // mem_cgroup_oom_kill_disable_write wakes nobody in this version.
  }

  @Override
  public boolean asleep(State s, int t) {
    int pc = s.pc(t);
    return pc == WAIT || pc == HANDLE_SLEEP || pc == FREEZE;
  }

  @Override
  public boolean wakeConditionHolds(State s, int t) {
    int over = s.over(t);
    if (s.pc(t) == FREEZE) return margin(s, s.memcg(t)) || !s.oomKillDisable(over);
    return margin(s, s.memcg(t)) || !underOom(s, over);
  }
}
