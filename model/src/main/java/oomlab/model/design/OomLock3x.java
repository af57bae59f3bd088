package oomlab.model.design;

import static oomlab.model.explore.State.MEMCG_IN_OOM;

import java.util.List;
import java.util.Set;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Op;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;
import oomlab.model.explore.Successors;

/**
 * Mainline 3.12 to 4.18 (memcg OOM at the end of the page fault, before the 2018 move back):
 *
 * <ul>
 *   <li>{@code __mem_cgroup_try_charge} / {@code try_charge}: TIF_MEMDIE, fatal signal or
 *       PF_EXITING -> {@code goto bypass} (charged to the root, not to the memcg).
 *   <li>{@code mem_cgroup_oom()}: only with {@code current->memcg_oom.may_oom} (user faults):
 *       records the memcg and returns; the charge fails with ENOMEM. Other charges (gup for
 *       MAP_POPULATE and mlock, shmem writes) just get ENOMEM.
 *   <li>{@code mem_cgroup_oom_synchronize()} at the end of the fault (see {@link EndOfFaultOom}):
 *       oom_lock flags per subtree, so OOMs in sibling subtrees run at the same time; no global
 *       mutex and no oom_reaper.
 *   <li>{@code mem_cgroup_out_of_memory()}: a dying current gets TIF_MEMDIE and no kill;
 *       {@code oom_scan_process_thread} returns OOM_SCAN_ABORT on a TIF_MEMDIE task; oom_badness
 *       clamps to 1; equal points keep the first (thread group leader).
 * </ul>
 */
public final class OomLock3x extends EndOfFaultOom {
  static final int RECLAIM = DESIGN_PC;

  /**
   * 3.12 to 4.18: no cgroup v2 memory controller in the design (memory.events and memory.max came
   * with 4.5 and changed nothing here, so the design speaks to v1 only), no oom_reaper (4.6),
   * oom_badness clamps to 1, equal points keep the first; no counters (v1 oom_control's
   * oom_kill is 4.13).
   */
  public static final DesignFacts FACTS = DesignFacts.of("oomlock3x", "3.12", TieRule.FIRST, Set.of(), Set.of(),
      Fact.BADNESS_CLAMP);

  public OomLock3x(ModelScenario sc, DesignFacts facts) {
    super(sc, facts, 0, 0);
  }

  @Override
  protected void chargeFailed(State s, int t, int over, Successors out) {
    if (dying(s, t)) bypass(s, t, over, out);
    else reclaim(s, t, over, out, RECLAIM);
  }

  @Override
  protected void chargePathStep(State s, int t, int pc, Successors out) {
    if (pc != RECLAIM) throw new IllegalStateException("pc " + pc);
    if (retryIfFits(s, t, out)) return;
    int over = overLimit(s, s.memcg(t));
    State n = out.next();
    n.setOver(t, over);
    if (!userFault(t)) {
      enomem(n, t);
      out.emit(Step.of(Op.ENOMEM, t, over, 0));
      return;
    }
    n.setFlag(t, MEMCG_IN_OOM, true);
    n.setPc(t, PF_OOM);
    out.emit(Step.of(Op.L_CHARGE_NOMEM, t, over, 0));
  }

  @Override
  protected void syncOutOfMemory(State s, int t, int over, Successors out) {
    if (dying(s, t)) {
      State n = out.next();
      markSelfVictim(n, t);
      syncDone(n, t, over);
      out.emit(Step.of(Op.KILL_SELF_DYING, t, over, 0));
      return;
    }
    List<Integer> victims = selectBadProcess(s, over, true);
    if (victims.isEmpty() || victims.get(0) == ABORT) {
      State n = out.next();
      syncDone(n, t, over);
      out.emit(Step.of(victims.isEmpty() ? Op.KILL_NONE : Op.KILL_ABORT, t, over, 0));
      return;
    }
    for (int v : victims) {
      State n = out.next();
      int flags = kill(s, n, v, over);
      syncDone(n, t, over);
      out.emit(Step.of(Op.KILL, t, over, v) | flags);
    }
  }
}
