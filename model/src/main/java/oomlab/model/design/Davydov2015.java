package oomlab.model.design;

import static oomlab.model.explore.State.IN_OOM_KILL;
import static oomlab.model.explore.State.OOM_LOCKED;
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
 * Davydov's "oom: rework locking design" for Virtuozzo rh7 (seed 000, Sep 2015): an
 * {@code oom_context {owner, victim, waitq}} per memcg, all under {@code oom_context_lock}.
 *
 * <ul>
 *   <li>{@code mem_cgroup_handle_oom} (charge path): mark_under_oom;
 *       {@code if (oom_trylock(memcg)) { mem_cgroup_oom_notify(memcg); oom_kill_disable ?
 *       memcg_wait_oom_recover(memcg) : mem_cgroup_out_of_memory(..); oom_unlock(memcg); }};
 *       unmark; TIF_MEMDIE or fatal signal -> false (bypass), else retry.
 *   <li>{@code oom_trylock}: if the context of any memcg below is owned or has a victim,
 *       prepare_to_wait on its waitq (TASK_KILLABLE), schedule, return false; else own them all.
 *   <li>{@code mark_oom_victim}: the context of the victim's memcg records it if it has none.
 *   <li>{@code oom_unlock}: drops ownership; wakes each context without a victim; the
 *       executioner waits on the first context that has one for that victim's exit.
 *   <li>{@code exit_oom_victim}: clears the victim from every context and wakes those without an
 *       owner. It runs after exit_mm, so the victim has uncharged by then.
 * </ul>
 */
public final class Davydov2015 extends MemcgModel {
  static final int RECLAIM = DESIGN_PC;
  static final int TRYLOCK_WAIT = DESIGN_PC + 1;
  static final int OWNER = DESIGN_PC + 2;
  static final int FREEZE = DESIGN_PC + 3;
  static final int UNLOCK = DESIGN_PC + 4;
  static final int HANDLE_RETURN = DESIGN_PC + 5;
  static final int VICTIM_WAIT = DESIGN_PC + 6;
  static final int FREEZE_WOKEN = DESIGN_PC + 7;

  private static final int M_OWNER = 0; // task + 1
  private static final int M_VICTIM = 1; // task + 1
  private static final int M_UNDER_OOM = 2;

  /**
   * Virtuozzo rh7 (a 3.10 kernel): cgroup v1 only, no oom_reaper, no counters; 3.10's
   * oom_badness clamps to 1 and equal points keep the first; the executioner waits for its
   * victim's exit_oom_victim ({@link Fact#EXIT_OOM_VICTIM_WAKES}).
   */
  public static final DesignFacts FACTS = DesignFacts.of("davydov2015", "", TieRule.FIRST, Set.of(), Set.of(),
      Fact.BADNESS_CLAMP, Fact.EXIT_OOM_VICTIM_WAKES);

  public Davydov2015(ModelScenario sc, DesignFacts facts) {
    super(sc, facts, 0, 3, 0);
    taskIdSlots(new int[0], new int[] {M_OWNER, M_VICTIM});
  }

  private boolean dying(State s, int t) {
    return s.flag(t, OOM_VICTIM) || s.flag(t, SIGKILL);
  }

  @Override
  protected void chargeFailed(State s, int t, int over, Successors out) {
    if (dying(s, t)) bypass(s, t, over, out);
    else reclaim(s, t, over, out, RECLAIM);
  }

  @Override
  protected void taskStep(State s, int t, int pc, Successors out) {
    int over = s.over(t);
    switch (pc) {
      case RECLAIM -> handleOom(s, t, out);
      case TRYLOCK_WAIT, VICTIM_WAIT -> {
        if (s.flag(t, SIGKILL)) { // TASK_KILLABLE
          State n = out.next();
          n.setPc(t, pc == TRYLOCK_WAIT ? HANDLE_RETURN : HANDLE_RETURN);
          out.emit(Step.of(Op.WAKE_SIGNAL, t, 0, 0));
        }
      }
      case FREEZE -> {
        if (s.flag(t, SIGKILL)) {
          State n = out.next();
          n.setPc(t, FREEZE_WOKEN);
          out.emit(Step.of(Op.WAKE_SIGNAL, t, 0, 0));
        }
      }
      case FREEZE_WOKEN -> {
        State n = out.next();
        memcgOomRecover(n, over); // memcg_wait_oom_recover ends with memcg_wakeup_oom(memcg)
        n.setPc(t, UNLOCK);
        out.emit(Step.of(Op.L_RECOVER, t, over, 0));
      }
      case OWNER -> outOfMemory(s, t, over, out);
      case UNLOCK -> oomUnlock(s, t, over, out);
      case HANDLE_RETURN -> {
        State n = out.next();
        unmarkUnderOom(n, over, M_UNDER_OOM);
        if (dying(s, t)) {
          bypass(s, t, over, out);
        } else {
          n.setPc(t, RETRY);
          out.emit(Step.of(Op.D_TRYLOCK_WOKEN, t, s.waitOn(t), 0));
        }
      }
      default -> throw new IllegalStateException("pc " + pc);
    }
  }

  /** mem_cgroup_handle_oom: mark_under_oom, then oom_trylock under oom_context_lock. */
  private void handleOom(State s, int t, Successors out) {
    if (retryIfFits(s, t, out)) return;
    int over = overLimit(s, s.memcg(t));
    State n = out.next();
    n.setOver(t, over);
    markUnderOom(n, over, M_UNDER_OOM);
    for (int m : subtree[over]) {
      if (n.memcgSlot(m, M_OWNER) != 0 || n.memcgSlot(m, M_VICTIM) != 0) {
        n.setPc(t, TRYLOCK_WAIT);
        n.setWaitOn(t, m);
        out.emit(Step.of(Op.D_TRYLOCK_WAIT, t, over, m));
        return;
      }
    }
    for (int m : subtree[over]) n.setMemcgSlot(m, M_OWNER, t + 1);
    n.setFlag(t, OOM_LOCKED, true);
    oomNotify(n, over);
    if (n.oomKillDisable(over)) {
      n.setPc(t, FREEZE);
      out.emit(Step.of(Op.D_TRYLOCK, t, over, 0));
      return;
    }
    n.setFlag(t, IN_OOM_KILL, true);
    n.setPc(t, OWNER);
    out.emit(Step.of(Op.D_TRYLOCK, t, over, 0));
  }

  private void outOfMemory(State s, int t, int over, Successors out) {
    if (dying(s, t)) {
      // fatal_signal_pending(current) || task_will_free_mem(current): mark_oom_victim(current)
      State n = out.next();
      markVictim(n, t);
      n.setPc(t, UNLOCK);
      out.emit(Step.of(Op.KILL_SELF_DYING, t, over, 0));
      return;
    }
    List<Integer> victims = selectBadProcess(s, over, true);
    if (victims.isEmpty() || victims.get(0) == ABORT) {
      State n = out.next();
      n.setPc(t, UNLOCK);
      out.emit(Step.of(victims.isEmpty() ? Op.KILL_NONE : Op.KILL_ABORT, t, over, 0));
      return;
    }
    for (int v : victims) {
      State n = out.next();
      int flags = kill(s, n, v, over);
      int ctx = n.memcg(v);
      if (n.memcgSlot(ctx, M_VICTIM) == 0) n.setMemcgSlot(ctx, M_VICTIM, v + 1);
      n.setPc(t, UNLOCK);
      out.emit(Step.of(Op.KILL, t, over, v) | flags);
    }
  }

  private void markVictim(State n, int t) {
    markSelfVictim(n, t);
    int ctx = n.memcg(t);
    if (n.memcgSlot(ctx, M_VICTIM) == 0) n.setMemcgSlot(ctx, M_VICTIM, t + 1);
  }

  /** oom_unlock: release, wake victimless contexts, wait for the first victim. */
  private void oomUnlock(State s, int t, int over, Successors out) {
    State n = out.next();
    n.setFlag(t, IN_OOM_KILL, false);
    n.setFlag(t, OOM_LOCKED, false);
    int waitOn = -1;
    for (int m : subtree[over]) {
      if (n.memcgSlot(m, M_OWNER) != t + 1) continue;
      n.setMemcgSlot(m, M_OWNER, 0);
      if (n.memcgSlot(m, M_VICTIM) == 0) {
        wakeContext(n, m);
        continue;
      }
      if (waitOn < 0) waitOn = m;
    }
    if (waitOn >= 0 && !n.flag(t, SIGKILL)) {
      n.setPc(t, VICTIM_WAIT);
      n.setWaitOn(t, waitOn);
      out.emit(Step.of(Op.D_UNLOCK_WAIT, t, over, waitOn));
    } else {
      // TASK_KILLABLE with SIGKILL pending: schedule() returns at once.
      n.setPc(t, HANDLE_RETURN);
      n.setWaitOn(t, over);
      out.emit(Step.of(Op.D_UNLOCK, t, over, 0));
    }
  }

  /** wake_up_all(&ctx->waitq) of memcg m. */
  private void wakeContext(State n, int m) {
    for (int u = 0; u < tasks; u++) {
      int pc = n.pc(u);
      if ((pc == TRYLOCK_WAIT || pc == VICTIM_WAIT) && n.waitOn(u) == m) n.setPc(u, HANDLE_RETURN);
    }
  }

  @Override
  protected void exitOomVictim(State n, int t) {
    for (int m = 0; m < memcgs; m++) {
      if (n.memcgSlot(m, M_VICTIM) == t + 1) {
        n.setMemcgSlot(m, M_VICTIM, 0);
        if (n.memcgSlot(m, M_OWNER) == 0) wakeContext(n, m);
      }
    }
  }

  /** memcg_oom_recover: wakes memcg_oom_waitq sleepers of overlapping memcgs if under_oom. */
  @Override
  protected void memcgOomRecover(State n, int memcg) {
    wakeUnderOom(n, memcg, M_UNDER_OOM, FREEZE, FREEZE_WOKEN);
  }

  @Override
  public boolean asleep(State s, int t) {
    int pc = s.pc(t);
    return pc == TRYLOCK_WAIT || pc == VICTIM_WAIT || pc == FREEZE;
  }

  @Override
  public boolean wakeConditionHolds(State s, int t) {
    int m = s.waitOn(t);
    return switch (s.pc(t)) {
      case TRYLOCK_WAIT -> s.memcgSlot(m, M_OWNER) == 0 && s.memcgSlot(m, M_VICTIM) == 0;
      case VICTIM_WAIT -> s.memcgSlot(m, M_VICTIM) == 0;
      default -> margin(s, s.memcg(t)) || !s.oomKillDisable(s.over(t));
    };
  }

  @Override
  public boolean frozenByUserspace(State s, int t) {
    if (s.pc(t) == FREEZE) return s.oomKillDisable(s.over(t));
    if (s.pc(t) == TRYLOCK_WAIT) {
      int owner = s.memcgSlot(s.waitOn(t), M_OWNER) - 1;
      return owner >= 0 && s.pc(owner) == FREEZE;
    }
    return false;
  }
}
