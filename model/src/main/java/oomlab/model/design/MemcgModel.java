package oomlab.model.design;

import static oomlab.model.explore.State.AGENT_KILL;
import static oomlab.model.explore.State.GOT_ENOMEM;
import static oomlab.model.explore.State.MMF_OOM_SKIP;
import static oomlab.model.explore.State.M_OOM_KILL_DISABLE;
import static oomlab.model.explore.State.M_OVERCHARGED;
import static oomlab.model.explore.State.M_UNDER_OOM_SEEN;
import static oomlab.model.explore.State.OOM_VICTIM;
import static oomlab.model.explore.State.REAP_QUEUED;
import static oomlab.model.explore.State.SIGKILL;
import static oomlab.model.explore.State.STARTED;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.explore.Layout;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.ModelScenario.Mode;
import oomlab.model.explore.Op;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;
import oomlab.model.explore.Successors;
import oomlab.model.explore.Symmetry;
import oomlab.model.explore.TransitionSystem;

/**
 * What every design shares: tasks start, fault pages in and charge them up the memcg tree
 * ({@code page_counter_try_charge}), die when killed and uncharge on exit, the oom_reaper reaps,
 * userspace handlers act on notifications. A design supplies what happens after a charge fails.
 *
 * <p>Granularity: one step is one section the kernel runs without letting the other tasks of the
 * scenario observe a partial result (a spinlock section, an atomic, a tree walk under
 * memcg_oom_lock); steps that the kernel runs without a common lock are separate steps.
 */
public abstract class MemcgModel implements TransitionSystem {
  /** Waiting for its start condition. */
  public static final int WAITING_START = 0;
  /** In user space, about to fault the next page in (or to die, with SIGKILL pending). */
  public static final int RUNNING = 1;
  /** Allocated everything, holds its memory. */
  public static final int DONE = 2;
  /** Got ENOMEM from a kernel charge (populate, mlock, tmpfs write): stops, holds what it has. */
  public static final int ENOMEM_STOP = 3;
  /** Exited; its pages are uncharged. */
  public static final int EXITED = 4;
  /** Past exit_mm, exit_oom_victim not yet run (designs that wait for it). */
  public static final int EXITING = 5;
  /** Inside try_charge, about to retry page_counter_try_charge. */
  public static final int RETRY = 6;
  /** First program counter a design may use. */
  protected static final int DESIGN_PC = 8;

  // Where a handler stands ({@link State#handlerDone}).
  /** Its trigger has not fired (an OOM trigger fires on the memcg's notified flag). */
  public static final int H_IDLE = 0;
  /** Its after-trigger fired (the task charged enough): it acts at any later point. */
  public static final int H_ARMED = 1;
  /** A v2 memory_max_write below usage is in its kill loop: the write has not returned. */
  public static final int H_WRITING = 2;
  /** Acted; a limit write returned success. */
  public static final int H_DONE = 3;
  /** A limit write returned -EBUSY (v1: usage stayed above the new limit), the limit unchanged. */
  public static final int H_EBUSY = 4;

  protected final ModelScenario sc;
  /** What the design's era has: read by the steps below and by the conformance check. */
  protected final DesignFacts facts;
  /** {@code parent[m]}: the parent memcg, -1 below the run's root. */
  protected final int[] parent;
  /** {@code within[a][b]}: a is b or below it ({@code mem_cgroup_is_descendant}). */
  private final boolean[][] within;
  private final int[] pages;
  protected final int memcgs;
  protected final int tasks;
  protected final Layout layout;
  /** {@code subtree[m]}: m and its descendants in pre-order ({@code for_each_mem_cgroup_tree}). */
  protected final int[][] subtree;
  /** {@code scanOrder[m]}: tasks of the scenario in mem_cgroup_scan_tasks order for an OOM in m's subtree. */
  private final int[] taskOrder;
  /** Remaining units every task can still charge into each memcg's subtree, for the reduction. */
  private final boolean[] killOrMoveTarget;
  /** {@code mm[t]}: the processes sharing task t's mm, t included, in task order. */
  private final int[][] mm;
  private boolean reduce = true;
  private boolean symmetric = true;
  private int[] taskIdGlobals = new int[0];
  private int[] taskIdMemcgSlots = new int[0];
  private Symmetry symmetry;

  protected MemcgModel(ModelScenario sc, DesignFacts facts, int designGlobals, int designMemcgSlots,
      int designTaskSlots) {
    this.sc = sc;
    this.facts = facts;
    this.memcgs = sc.memcgs().size();
    this.tasks = sc.tasks().size();
    int maxPages = 1;
    for (var tk : sc.tasks()) maxPages = Math.max(maxPages, tk.pages());
    int pageBits = 32 - Integer.numberOfLeadingZeros(maxPages * 2 + 1);
    this.layout = new Layout(memcgs, tasks, sc.handlers().size(), designGlobals, designMemcgSlots,
        designTaskSlots, pageBits);
    this.parent = new int[memcgs];
    this.within = new boolean[memcgs][memcgs];
    for (int m = 0; m < memcgs; m++) {
      parent[m] = sc.memcgs().get(m).parent();
      for (int b = 0; b < memcgs; b++) within[m][b] = sc.isDescendant(m, b);
    }
    this.pages = new int[tasks];
    for (int t = 0; t < tasks; t++) pages[t] = sc.tasks().get(t).pages();
    this.subtree = new int[memcgs][];
    for (int m = 0; m < memcgs; m++) {
      List<Integer> l = new ArrayList<>();
      for (int d = 0; d < memcgs; d++) if (sc.isDescendant(d, m)) l.add(d); // parents first = pre-order
      subtree[m] = l.stream().mapToInt(Integer::intValue).toArray();
    }
    this.taskOrder = new int[tasks];
    for (int t = 0; t < tasks; t++) taskOrder[t] = t;
    this.killOrMoveTarget = new boolean[tasks];
    for (var h : sc.handlers()) {
      if (h.action() == ModelScenario.Action.KILL || h.action() == ModelScenario.Action.MOVE) {
        killOrMoveTarget[h.target()] = true;
      }
    }
    this.mm = new int[tasks][];
    for (int t = 0; t < tasks; t++) {
      List<Integer> l = new ArrayList<>();
      for (int u = 0; u < tasks; u++) if (sc.mmOf(u) == sc.mmOf(t)) l.add(u);
      mm[t] = l.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Whether memcg a is b or below it. */
  protected final boolean desc(int a, int b) {
    return within[a][b];
  }

  /** Whether one of the two memcgs is the other or below it. */
  protected final boolean overlap(int a, int b) {
    return within[a][b] || within[b][a];
  }

  /** Turns the partial-order reduction off (for its soundness test and for comparisons). */
  public MemcgModel withoutReduction() {
    reduce = false;
    return this;
  }

  /** Turns the symmetry reduction off (every task its own class), for comparisons. */
  public MemcgModel withoutSymmetry() {
    symmetric = false;
    symmetry = null;
    return this;
  }

  /**
   * Declares which design slots hold a task (as task + 1, 0 for none): the symmetry reduction
   * renames them with the tasks. Called by the design's constructor.
   */
  protected final void taskIdSlots(int[] globals, int[] memcgSlots) {
    this.taskIdGlobals = globals.clone();
    this.taskIdMemcgSlots = memcgSlots.clone();
    this.symmetry = null;
  }

  @Override
  public Symmetry symmetry() {
    Symmetry s = symmetry;
    if (s == null) {
      s = symmetric ? Symmetry.of(sc, layout, taskIdGlobals, taskIdMemcgSlots) : Symmetry.none();
      symmetry = s;
    }
    return s;
  }

  /** The design's name, as {@code --design} takes it. */
  public final String name() {
    return facts.name();
  }

  public final DesignFacts facts() {
    return facts;
  }

  /** Whether the design's era has {@code fact}. */
  protected final boolean has(Fact fact) {
    return facts.has(fact);
  }

  @Override
  public Layout layout() {
    return layout;
  }

  public ModelScenario scenario() {
    return sc;
  }

  @Override
  public void initial(State s) {
    for (int m = 0; m < memcgs; m++) {
      var mc = sc.memcgs().get(m);
      s.setLimit(m, mc.limit());
      s.setMemcgFlag(m, M_OOM_KILL_DISABLE, mc.oomKillDisable());
    }
    for (int t = 0; t < tasks; t++) {
      var tk = sc.tasks().get(t);
      s.setMemcg(t, tk.memcg());
      s.setOldMemcg(t, -1);
      if (tk.startAfter() < 0) {
        s.setFlag(t, STARTED, true);
        s.setPc(t, tk.pages() == 0 ? DONE : RUNNING);
      }
    }
    for (int h = 0; h < sc.handlers().size(); h++) {
      var hd = sc.handlers().get(h);
      if (hd.afterTask() >= 0 && hd.afterUnits() == 0) s.setHandlerDone(h, H_ARMED);
    }
  }

  // ------------------------------------------------------------------ expansion

  @Override
  public final void expand(State s, Successors out) {
    int safe = reduce ? safeCharge(s) : -1;
    if (safe >= 0) {
      chargeStep(s, safe, out, Op.CHARGE);
      return;
    }
    for (int t = 0; t < tasks; t++) {
      int pc = s.pc(t);
      switch (pc) {
        case WAITING_START -> {
          if (s.flag(t, SIGKILL)) {
            exitStep(s, t, out); // the waiting process exists: a kill ends it before it starts
          } else if (startConditionMet(s, t)) {
            State n = out.next();
            n.setFlag(t, STARTED, true);
            n.setPc(t, sc.tasks().get(t).pages() == 0 ? DONE : RUNNING);
            out.emit(Step.of(Op.START, t, 0, 0));
          }
        }
        case RUNNING, DONE, ENOMEM_STOP -> {
          if (s.flag(t, SIGKILL)) {
            exitStep(s, t, out);
          } else if (pc == RUNNING) {
            chargeStep(s, t, out, Op.CHARGE);
          }
        }
        case RETRY -> chargeStep(s, t, out, Op.RETRY_CHARGE);
        case EXITING -> {
          State n = out.next();
          n.setPc(t, EXITED);
          exitOomVictim(n, t);
          forget(n, t);
          out.emit(Step.of(Op.EXIT_OOM_VICTIM, t, 0, 0));
        }
        case EXITED -> {}
        default -> taskStep(s, t, pc, out);
      }
    }
    if (hasReaper()) {
      for (int t = 0; t < tasks; t++) {
        if (s.flag(t, REAP_QUEUED) && !s.flag(t, MMF_OOM_SKIP) && s.pc(t) != EXITED && s.pc(t) != EXITING) {
          State n = out.next();
          reap(n, t);
          out.emit(Step.of(Op.REAP, Step.NONE, 0, t));
        }
      }
    }
    for (int h = 0; h < sc.handlers().size(); h++) {
      var hd = sc.handlers().get(h);
      switch (s.handlerDone(h)) {
        case H_IDLE -> {
          if (hd.onMemcg() >= 0 && s.memcgFlag(hd.onMemcg(), State.M_NOTIFIED)) handlerStep(s, h, out);
        }
        case H_ARMED -> handlerStep(s, h, out);
        case H_WRITING -> memoryMaxWriteStep(s, h, hd.target(), out);
        default -> { }
      }
    }
  }

  /**
   * Whether a limit write below usage OOM-kills in the writer's context (cgroup v2
   * {@code memory_max_write}) instead of failing with -EBUSY (v1 {@code mem_cgroup_resize_max},
   * and every design before cgroup v2 had a memory controller).
   */
  protected boolean shrinkKills() {
    return false;
  }

  /**
   * One round of the kill loop of v2 {@code memory_max_write} for handler h on {@code memcg},
   * whose limit is below its usage; only designs whose {@link #shrinkKills()} is true get here.
   */
  protected void memoryMaxWriteStep(State s, int h, int memcg, Successors out) {
    throw new IllegalStateException(name() + " has no memory_max_write kill loop");
  }

  /** The steps of a task at a design program counter ({@code pc >= DESIGN_PC}). */
  protected abstract void taskStep(State s, int t, int pc, Successors out);

  /**
   * The charge of task t failed at memcg {@code over} (reclaim freed nothing): emit what the
   * design does next. {@code s} is the state before the attempt.
   */
  protected abstract void chargeFailed(State s, int t, int over, Successors out);

  /**
   * The design's wake-up when room may have appeared in {@code memcg}: pages uncharged from it,
   * its limit raised, its oom_kill_disable cleared ({@code memcg_oom_recover} and its ancestors).
   */
  protected abstract void memcgOomRecover(State n, int memcg);

  /** oom_kill_disable of {@code memcg} was cleared (mem_cgroup_oom_control_write). */
  protected void onOomKillDisableOff(State n, int memcg) {
    memcgOomRecover(n, memcg);
  }

  /** Whether the design has an oom_reaper (4.6 and later). */
  protected final boolean hasReaper() {
    return has(Fact.OOM_REAPER);
  }

  /** Whether task t is asleep (on a wait queue or a mutex) at its program counter. */
  public abstract boolean asleep(State s, int t);

  /**
   * Whether what task t sleeps for has happened (its charge would now fit, or the OOM it waits
   * for is over): a task asleep in a final state with its wake condition true lost a wake-up.
   */
  public abstract boolean wakeConditionHolds(State s, int t);

  /** Whether task t sleeps because userspace asked for it (oom_kill_disable), not for the kernel. */
  public boolean frozenByUserspace(State s, int t) {
    return s.oomKillDisable(s.over(t));
  }

  /** The memcg task t's OOM critical section is about, when it is in one (oom-exclusion). */
  public int oomSection(State s, int t) {
    return s.flag(t, State.IN_OOM_KILL) ? s.over(t) : -1;
  }

  /** Hook of exit_oom_victim (davydov2015 wakes oom_context waiters). */
  protected void exitOomVictim(State n, int t) {}

  /** Whether a victim passes through {@link #EXITING} (exit_mm, then exit_oom_victim). */
  private boolean exitOomVictimStep() {
    return has(Fact.EXIT_OOM_VICTIM_WAKES);
  }

  // ------------------------------------------------------------------ charging

  /** The lowest memcg from {@code memcg} up whose counter cannot take one more unit, or -1. */
  protected final int overLimit(State s, int memcg) {
    for (int m = memcg; m >= 0; m = parent[m]) {
      if (s.usage(m) + 1 > s.limit(m)) return m;
    }
    return -1;
  }

  /** {@code mem_cgroup_margin(memcg) >= 1}: one more unit fits in memcg and its ancestors. */
  protected final boolean margin(State s, int memcg) {
    return overLimit(s, memcg) < 0;
  }

  /** The charge failed at {@code over}: reclaim runs next, at program counter {@code reclaimPc}. */
  protected final void reclaim(State s, int t, int over, Successors out, int reclaimPc) {
    State n = out.next();
    n.setOver(t, over);
    n.setPc(t, reclaimPc);
    out.emit(Step.of(Op.CHARGE_FAIL, t, over, 0));
  }

  /** A dying task's charge bypasses the memcg (charged to the root in 3.x, not at all in 2010). */
  protected final void bypass(State s, int t, int over, Successors out) {
    State n = out.next();
    bypassCharge(n, t);
    out.emit(Step.of(Op.BYPASS_CHARGE, t, over, 0));
  }

  /** The retry loop finds room (memory was freed meanwhile): emits the charge, returns true. */
  protected final boolean retryIfFits(State s, int t, Successors out) {
    if (overLimit(s, s.memcg(t)) >= 0) return false;
    State n = out.next();
    commitCharge(n, t);
    out.emit(Step.of(Op.RETRY_CHARGE, t, s.memcg(t), 0));
    return true;
  }

  /** mem_cgroup_mark_under_oom: under_oom (design slot {@code slot}) up by one over the subtree. */
  protected final void markUnderOom(State n, int memcg, int slot) {
    for (int m : subtree[memcg]) n.setMemcgSlot(m, slot, n.memcgSlot(m, slot) + 1);
    underOomSeen(n, memcg);
  }

  /** mem_cgroup_unmark_under_oom: down by one, never below zero. */
  protected final void unmarkUnderOom(State n, int memcg, int slot) {
    for (int m : subtree[memcg]) {
      int u = n.memcgSlot(m, slot);
      if (u > 0) n.setMemcgSlot(m, slot, u - 1);
    }
  }

  /**
   * {@code if (memcg->under_oom) __wake_up(&memcg_oom_waitq, TASK_NORMAL, 0, memcg)} with
   * memcg_oom_wake_function: tasks sleeping at {@code sleepPc} on an ancestor or descendant of
   * memcg become runnable at {@code wokenPc}.
   */
  protected final void wakeUnderOom(State n, int memcg, int slot, int sleepPc, int wokenPc) {
    if (n.memcgSlot(memcg, slot) == 0) return;
    for (int u = 0; u < tasks; u++) {
      if (n.pc(u) == sleepPc && overlap(n.over(u), memcg)) n.setPc(u, wokenPc);
    }
  }

  private void chargeStep(State s, int t, Successors out, Op op) {
    int over = overLimit(s, s.memcg(t));
    if (over < 0) {
      State n = out.next();
      commitCharge(n, t);
      out.emit(Step.of(n.pc(t) == DONE ? Op.CHARGE_LAST : op, t, s.memcg(t), 0));
    } else {
      chargeFailed(s, t, over, out);
    }
  }

  /** Charges one unit to the task's memcg and ancestors, even over a limit (force charge). */
  protected final void commitCharge(State n, int t) {
    for (int m = n.memcg(t); m >= 0; m = parent[m]) {
      int u = n.usage(m) + 1;
      n.setUsage(m, u);
      if (u > n.limit(m) && !n.memcgFlag(m, State.M_LIMIT_SET)) n.setMemcgFlag(m, M_OVERCHARGED, true);
    }
    var tk = sc.tasks().get(t);
    int c = n.charged(t) + 1;
    n.setCharged(t, c);
    if (tk.mode() != Mode.TMPFS) n.setRss(t, n.rss(t) + 1);
    n.setPc(t, c >= tk.pages() ? DONE : RUNNING);
    chargeEnded(n, t);
    armHandlers(n, t);
  }

  /**
   * The workload reports each step it completed: a handler waiting for task t to reach its size
   * is armed now and acts at any later point (the report travels to the agent meanwhile), even
   * after t died.
   */
  private void armHandlers(State n, int t) {
    for (int h = 0; h < sc.handlers().size(); h++) {
      var hd = sc.handlers().get(h);
      if (hd.afterTask() == t && n.handlerDone(h) == H_IDLE && n.charged(t) >= hd.afterUnits()) {
        n.setHandlerDone(h, H_ARMED);
      }
    }
  }

  /**
   * try_charge returned: its locals (mem_over_limit, passed_oom) are gone. Clearing them keeps
   * states that differ only in dead values from being told apart.
   */
  protected final void chargeEnded(State n, int t) {
    n.setOver(t, 0);
    n.setWaitOn(t, 0);
    n.setFlag(t, State.PASSED_OOM, false);
  }

  /** The charge completes without being accounted (a TIF_MEMDIE bypass): the page is the task's. */
  protected final void bypassCharge(State n, int t) {
    var tk = sc.tasks().get(t);
    int c = n.charged(t) + 1;
    n.setCharged(t, c);
    n.setPc(t, c >= tk.pages() ? DONE : RUNNING);
    chargeEnded(n, t);
    armHandlers(n, t);
  }

  /**
   * ENOMEM reaches the caller of a kernel charge: the workload stops allocating. A task with
   * SIGKILL pending dies on the way back to user space and never sees the error.
   */
  protected final void enomem(State n, int t) {
    if (!n.flag(t, SIGKILL)) n.setFlag(t, GOT_ENOMEM, true);
    n.setPc(t, ENOMEM_STOP);
    chargeEnded(n, t);
  }

  protected final boolean userFault(int t) {
    return sc.tasks().get(t).mode().userFault();
  }

  // ------------------------------------------------------------------ exit, reaper, kill

  private void exitStep(State s, int t, Successors out) {
    State n = out.next();
    boolean victim = n.flag(t, OOM_VICTIM) && exitOomVictimStep();
    if (!mmInUseByOthers(n, t)) {
      // exit_mm -> mmput: the last user's exit_mmap unmaps the mm and sets MMF_OOM_SKIP; an
      // earlier sharer's exit drops only its reference, the pages stay mapped and charged.
      for (int u : mm[t]) freeMemory(n, u, n.memcg(t), true);
      for (int u : mm[t]) n.setFlag(u, MMF_OOM_SKIP, true);
    }
    n.setFlag(t, MMF_OOM_SKIP, true);
    n.setPc(t, victim ? EXITING : EXITED);
    if (!victim && n.flag(t, OOM_VICTIM)) exitOomVictim(n, t);
    if (!victim) forget(n, t);
    out.emit(Step.of(victim ? Op.EXIT_MM_VICTIM : Op.EXIT_MM, t, 0, 0));
  }

  /** An exited task keeps only what its outcome needs: kill order and whether it saw ENOMEM. */
  private void forget(State n, int t) {
    boolean enomem = n.flag(t, GOT_ENOMEM);
    n.setCharged(t, 0);
    n.setMemcg(t, 0);
    n.setOldMemcg(t, -1);
    chargeEnded(n, t);
    for (int f = 0; f < 16; f++) n.setFlag(t, 1 << f, false);
    n.setFlag(t, GOT_ENOMEM, enomem);
    n.setFlag(t, STARTED, true);
  }

  /** Whether a process other than t still uses t's mm (has not passed exit_mm). */
  private boolean mmInUseByOthers(State s, int t) {
    for (int u : mm[t]) {
      if (u != t && s.pc(u) != EXITED && s.pc(u) != EXITING) return true;
    }
    return false;
  }

  /** oom_reap_task_mm: unmaps the victim's mm (every sharer's pages) but mlocked vmas, then MMF_OOM_SKIP. */
  private void reap(State n, int t) {
    for (int u : mm[t]) freeMemory(n, u, n.memcg(t), false);
    for (int u : mm[t]) n.setFlag(u, MMF_OOM_SKIP, true);
  }

  /**
   * Uncharges what task t faulted into its mm. {@code memcg}: where the mm's pages are charged (a
   * sharer that already exited has forgotten its memcg; the loader keeps sharers in one memcg).
   */
  private void freeMemory(State n, int t, int memcg, boolean exit) {
    Mode mode = sc.tasks().get(t).mode();
    if (mode == Mode.TMPFS) return; // shmem pages stay charged after the writer is gone
    if (mode == Mode.MLOCK && !exit) return; // __oom_reap_task_mm skips VM_LOCKED vmas
    int rss = n.rss(t);
    int old = n.oldRss(t);
    n.setRss(t, 0);
    n.setOldRss(t, 0);
    if (rss > 0) uncharge(n, memcg, rss);
    if (old > 0) uncharge(n, n.oldMemcg(t), old);
  }

  /** get_mm_rss of task t's mm: what every process sharing it faulted in. */
  protected final int mmRss(State s, int t) {
    int rss = 0;
    for (int u : mm[t]) rss += s.rss(u) + s.oldRss(u);
    return rss;
  }

  protected final void uncharge(State n, int memcg, int units) {
    for (int m = memcg; m >= 0; m = parent[m]) n.setUsage(m, n.usage(m) - units);
    memcgOomRecover(n, memcg);
  }

  /** Memory the task would free by exiting, counted against memcg {@code domain}. */
  protected final int heldIn(State s, int t, int domain) {
    if (s.pc(t) == EXITED || s.pc(t) == EXITING) return 0;
    int held = 0;
    for (int u : mm[t]) {
      if (desc(s.memcg(t), domain)) held += s.rss(u);
      if (s.oldMemcg(u) >= 0 && desc(s.oldMemcg(u), domain)) held += s.oldRss(u);
    }
    return held;
  }

  /** Result of select_bad_process when an existing victim aborts the scan. */
  protected static final int ABORT = -2;

  /**
   * select_bad_process for an OOM in {@code domain}: the possible victims, an empty list if none
   * is eligible, or a list holding {@link #ABORT} if the scan aborts on a victim still exiting
   * ({@code abortOnVictim}: 3.x's OOM_SCAN_ABORT on TIF_MEMDIE, 4.19/6.1's tsk_is_oom_victim
   * without MMF_OOM_SKIP).
   */
  protected final List<Integer> selectBadProcess(State s, int domain, boolean abortOnVictim) {
    boolean clampToOne = has(Fact.BADNESS_CLAMP);
    long ppu = sc.pagesPerUnit();
    long total = (long) s.limit(domain) * ppu;
    // Local: expand() runs on several explorer threads at once.
    long[] pointsBuf = new long[tasks];
    int[] candBuf = new int[tasks];
    int n = 0;
    for (int i = 0; i < tasks; i++) {
      int t = taskOrder[i];
      if (!desc(s.memcg(t), domain)) continue;
      int pc = s.pc(t);
      if (pc == EXITED || pc == EXITING || pc == WAITING_START) continue; // no mm: skipped
      if (s.flag(t, OOM_VICTIM)) {
        if (s.flag(t, MMF_OOM_SKIP)) continue;
        if (abortOnVictim) return List.of(ABORT);
      }
      if (s.flag(t, MMF_OOM_SKIP)) continue;
      candBuf[n] = t;
      pointsBuf[n] = OomBadness.points((long) mmRss(s, t) * ppu,
          sc.tasks().get(t).oomScoreAdj(), total, clampToOne);
      n++;
    }
    List<Integer> idx = VictimSelection.choose(pointsBuf, n, (long) sc.nearTie() * ppu, facts.tieRule());
    List<Integer> out = new ArrayList<>(idx.size());
    for (int i : idx) out.add(candBuf[i]);
    return out;
  }

  /**
   * Kills {@code victim} for an OOM in {@code domain} (oom_kill_process without an oom.group):
   * SIGKILL, mark_oom_victim, the oom_kill event, the reaper queued. Returns {@link Step#KILLS},
   * plus {@link Step#OVERKILL} when an earlier victim in the domain still held memory
   * ({@code before} is the state before the kill). Designs with memory.oom.group follow
   * {@link ChargePathOom}'s oom_kill_process.
   */
  protected final int kill(State before, State n, int victim, int domain) {
    if (victimWillFreeMem() && willFreeMem(n, victim)) {
      // oom_kill_process: "If the task is already exiting, don't alarm the sysadmin or kill its
      // children or threads": mark_oom_victim, queue_oom_reaper, no kill and no oom_kill event.
      markSelfVictim(n, victim);
      return 0;
    }
    int flags = Step.KILLS | overkill(before, victim, domain);
    killOne(n, victim);
    return flags;
  }

  /** {@link Step#OVERKILL} when a victim other than {@code victim} still holds memory in the domain. */
  protected final int overkill(State before, int victim, int domain) {
    for (int u = 0; u < tasks; u++) {
      if (u != victim && before.flag(u, OOM_VICTIM) && heldIn(before, u, domain) > 0) return Step.OVERKILL;
    }
    return 0;
  }

  /**
   * mem_cgroup_get_oom_group(victim, oom_domain) for a victim in {@code memcg}: on cgroup v2 the
   * highest memcg with memory.oom.group from the victim's up to the domain; -1 for none, and when
   * the victim was moved out of the domain ("better to ignore memory.group.oom").
   */
  protected final int oomGroup(int memcg, int domain) {
    if (sc.cgroupVersion() != 2 || !has(Fact.OOM_GROUP) || !desc(memcg, domain)) return -1;
    int group = -1;
    for (int m = memcg; m >= 0; m = parent[m]) {
      if (sc.memcgs().get(m).oomGroup()) group = m;
      if (m == domain) break;
    }
    return group;
  }

  /**
   * Whether task t still has an mm: find_lock_task_mm finds none once a process has passed
   * exit_mm ({@link #EXITING}, {@link #EXITED}); a process waiting for its start has one.
   */
  protected final boolean hasMm(State s, int t) {
    return s.pc(t) != EXITED && s.pc(t) != EXITING;
  }

  /**
   * Whether task t is a process whose allocating thread is not its thread-group leader, so that
   * the leader (the workload's main thread, which reads the agent's commands) can pass exit_mm and
   * cgroup_exit while that thread still holds the mm: a process of its own (a {@code shareMm}
   * clone allocates on its only thread) that has started and is still allocating (the workload's
   * detached worker threads return once done, or at an ENOMEM; oomlab-workload.c).
   */
  protected final boolean threadOutlivesLeader(State s, int t) {
    return sc.tasks().get(t).mmOwner() < 0 && s.flag(t, STARTED) && hasMm(s, t)
        && s.pc(t) != WAITING_START && s.pc(t) != DONE && s.pc(t) != ENOMEM_STOP;
  }

  /**
   * The next process {@code mem_cgroup_scan_tasks(group, oom_kill_memcg_member)} kills, from task
   * index {@code from} on (the model walks the group in task order): in the group, oom_score_adj
   * not -1000 (oom_kill_memcg_member), and still holding an mm (else __oom_kill_process:
   * "already exiting. Skip killing the task", nothing counted); -1 when none is left. A member
   * skipped for having exited stays skipped, so skipping takes no step of its own.
   */
  protected final int nextGroupMember(State s, int group, int from) {
    for (int t = from; t < tasks; t++) {
      if (desc(s.memcg(t), group) && sc.tasks().get(t).oomScoreAdj() != OomBadness.OOM_SCORE_ADJ_MIN
          && hasMm(s, t)) {
        return t;
      }
    }
    return -1;
  }

  /** Whether a handler that has not acted yet may still SIGKILL or move task t. */
  protected final boolean handlerMayReach(State s, int t) {
    if (!killOrMoveTarget[t]) return false;
    for (int h = 0; h < sc.handlers().size(); h++) {
      var hd = sc.handlers().get(h);
      boolean reaches = hd.action() == ModelScenario.Action.KILL || hd.action() == ModelScenario.Action.MOVE;
      int st = s.handlerDone(h);
      if (reaches && hd.target() == t && (st == H_IDLE || st == H_ARMED)) return true;
    }
    return false;
  }

  /**
   * __oom_kill_process: the oom_kill event (once, for the mm), SIGKILL and mark_oom_victim for t,
   * then SIGKILL, without mark_oom_victim or a count, to every other process sharing t's mm.
   * The caller has checked that t still has an mm ({@link #hasMm}).
   */
  protected final void killOne(State n, int t) {
    memoryEvent(n, n.memcg(t), Counter.OOM_KILL);
    n.setFlag(t, SIGKILL, true);
    n.setFlag(t, OOM_VICTIM, true);
    if (n.killSeq(t) == 0) n.setKillSeq(t, n.nextKillSeq());
    if (hasReaper()) n.setFlag(t, REAP_QUEUED, true);
    for (int u : mm[t]) {
      if (u == t || n.pc(u) == EXITED || n.pc(u) == EXITING) continue;
      n.setFlag(u, SIGKILL, true);
      if (n.killSeq(u) == 0) n.setKillSeq(u, n.nextKillSeq());
    }
  }

  /**
   * Whether oom_kill_process spares a chosen victim that task_will_free_mem already (4.7 and
   * later): the eras before checked PF_EXITING, a window the model folds into the exit step.
   */
  private boolean victimWillFreeMem() {
    return has(Fact.VICTIM_WILL_FREE_MEM);
  }

  /**
   * task_will_free_mem: the task is dying (SIGKILL delivered sets SIGNAL_GROUP_EXIT) and so is
   * every other process sharing its mm, and the mm is not MMF_OOM_SKIP; false once t itself has
   * passed exit_mm ("Skip tasks without mm").
   */
  protected final boolean willFreeMem(State s, int t) {
    if (!hasMm(s, t)) return false;
    for (int u : mm[t]) {
      if (s.flag(u, MMF_OOM_SKIP)) return false;
      if (hasMm(s, u) && !s.flag(u, SIGKILL)) return false;
    }
    return true;
  }

  /** Marks current as a victim without a kill (task_will_free_mem(current) in out_of_memory). */
  protected final void markSelfVictim(State n, int t) {
    n.setFlag(t, OOM_VICTIM, true);
    if (hasReaper()) n.setFlag(t, REAP_QUEUED, true);
  }

  // ------------------------------------------------------------------ events and notification

  /**
   * memcg_memory_event: counted in the memcg and, on cgroup v2, its ancestors (not the root); a
   * change of memory.events is a notification on v2.
   */
  protected final void memoryEvent(State n, int memcg, Counter e) {
    for (int m = memcg; m >= 0; m = parent[m]) {
      switch (e) {
        case OOM -> n.countOom(m);
        case OOM_KILL -> n.countOomKill(m);
        case OOM_GROUP_KILL -> n.countOomGroupKill(m);
      }
      if (sc.cgroupVersion() == 2 && e == Counter.OOM) n.setMemcgFlag(m, State.M_NOTIFIED, true);
      if (sc.cgroupVersion() != 2) break;
    }
  }

  /** mem_cgroup_oom_notify: signals the OOM eventfds of memcg and every memcg below it (v1). */
  protected final void oomNotify(State n, int memcg) {
    for (int m : subtree[memcg]) {
      if (sc.cgroupVersion() == 2) continue;
      n.signalEventfd(m);
    }
  }

  /** Records that memory.oom_control could show under_oom 1 for memcg's subtree. */
  protected final void underOomSeen(State n, int memcg) {
    for (int m : subtree[memcg]) n.setMemcgFlag(m, M_UNDER_OOM_SEEN, true);
  }

  // ------------------------------------------------------------------ handlers

  private void handlerStep(State s, int h, Successors out) {
    var hd = sc.handlers().get(h);
    State n = out.next();
    n.setHandlerDone(h, H_DONE);
    switch (hd.action()) {
      case RAISE_LIMIT, SET_LIMIT -> writeLimit(n, h, hd, out);
      case KILL -> {
        int t = hd.target();
        if (n.pc(t) != EXITED && n.pc(t) != EXITING) {
          n.setFlag(t, SIGKILL, true);
          n.setFlag(t, AGENT_KILL, true);
          if (n.killSeq(t) == 0) n.setKillSeq(t, n.nextKillSeq());
        }
        out.emit(Step.of(Op.HANDLER_KILL, t, 0, h));
      }
      case MOVE -> {
        int t = hd.target();
        if (n.pc(t) != EXITED && n.pc(t) != EXITING && n.memcg(t) != hd.value()) {
          // Charges stay where they were made (v1 move_charge_at_immigrate=0, v2 always).
          if (n.oldMemcg(t) < 0 || n.oldMemcg(t) == n.memcg(t)) {
            n.setOldMemcg(t, n.memcg(t));
            n.setOldRss(t, n.oldRss(t) + n.rss(t));
            n.setRss(t, 0);
          }
          n.setMemcg(t, hd.value());
        }
        out.emit(Step.of(Op.HANDLER_MOVE, t, hd.value(), h));
      }
      case OOM_KILL_DISABLE_OFF -> {
        n.setMemcgFlag(hd.target(), M_OOM_KILL_DISABLE, false);
        onOomKillDisableOff(n, hd.target());
        out.emit(Step.of(Op.HANDLER_OKD_OFF, Step.NONE, hd.target(), h));
      }
    }
  }

  /**
   * A limit write. Below usage (anon and shmem without swap: reclaim frees nothing): v1
   * {@code mem_cgroup_resize_max} (6.1; {@code mem_cgroup_resize_limit} before) retries reclaim and
   * returns -EBUSY with the limit unchanged, nothing killed; v2 {@code memory_max_write} has
   * already stored the new max ({@code xchg}) and goes on to its kill loop
   * ({@link #memoryMaxWriteStep}). Otherwise the limit is set and, if it grew,
   * {@code memcg_oom_recover} wakes the OOM waiters ({@code mem_cgroup_resize_max}'s enlarge).
   */
  private void writeLimit(State n, int h, ModelScenario.Handler hd, Successors out) {
    int m = hd.target();
    boolean set = hd.action() == ModelScenario.Action.SET_LIMIT;
    Op accepted = set ? Op.HANDLER_SET_LIMIT : Op.HANDLER_RAISE;
    if (n.usage(m) > hd.value() && !shrinkKills()) {
      n.setHandlerDone(h, H_EBUSY);
      out.emit(Step.of(Op.HANDLER_SET_LIMIT_EBUSY, Step.NONE, m, h));
      return;
    }
    boolean enlarge = hd.value() > n.limit(m);
    n.setLimit(m, hd.value());
    if (set) n.setMemcgFlag(m, State.M_LIMIT_SET, true);
    if (n.usage(m) > hd.value()) {
      n.setHandlerDone(h, H_WRITING);
      out.emit(Step.of(Op.HANDLER_SET_MAX_OOM, Step.NONE, m, h));
      return;
    }
    if (enlarge) memcgOomRecover(n, m);
    out.emit(Step.of(accepted, Step.NONE, m, h));
  }

  // ------------------------------------------------------------------ reduction

  private boolean startConditionMet(State s, int t) {
    var tk = sc.tasks().get(t);
    int after = tk.startAfter();
    int pc = s.pc(after);
    // The runner starts a waiting task when its condition can no longer come true.
    return s.charged(after) >= tk.startAfterPages() || pc == EXITED || pc == EXITING
        || pc == DONE || pc == ENOMEM_STOP || asleep(s, after);
  }

  /**
   * Partial-order reduction: a task in user space whose next charge can never fail and whose
   * memcgs can never OOM takes its step alone. Sound because, for every ancestor m of the task's
   * memcg, the usage plus every unit any task that is or may be moved below m can still charge
   * fits under m's limit (limits only grow, but for a set-limit still to come, whose value counts
   * instead): no charge below m fails, so no OOM of any domain
   * containing the task can happen, so no other step reads its RSS; the charge commutes with
   * every other step (usage only grows towards a limit nobody reaches); it changes no invariant's
   * proposition; a start condition it enables cannot have run before it; no handler kills or
   * moves it (a kill would disable the charge); a handler its charge arms acts only after it.
   * Charges strictly increase, so no cycle consists of
   * reduced steps only (the cycle proviso holds).
   */
  private int safeCharge(State s) {
    for (int t = 0; t < tasks; t++) {
      if (s.pc(t) != RUNNING || s.flag(t, SIGKILL) || killOrMoveTarget[t]) continue;
      if (fitsForever(s, s.memcg(t))) return t;
    }
    return -1;
  }

  private boolean fitsForever(State s, int memcg) {
    for (int m = memcg; m >= 0; m = parent[m]) {
      int limit = lowestLimit(s, m);
      if (limit == ModelScenario.UNLIMITED) continue;
      long need = s.usage(m);
      for (int u = 0; u < tasks; u++) {
        boolean below = desc(s.memcg(u), m) || moveTargetBelow(u, m);
        if (!below) continue;
        int pc = s.pc(u);
        if (pc == EXITED || pc == EXITING || pc == ENOMEM_STOP) continue;
        need += pages[u] - s.charged(u);
      }
      if (need > limit) return false;
    }
    return true;
  }

  /** The lowest limit memcg m can still get: its limit, or a handler's set-limit still to come. */
  private int lowestLimit(State s, int m) {
    int limit = s.limit(m);
    for (int h = 0; h < sc.handlers().size(); h++) {
      var hd = sc.handlers().get(h);
      int st = s.handlerDone(h);
      if (hd.action() == ModelScenario.Action.SET_LIMIT && hd.target() == m && (st == H_IDLE || st == H_ARMED)) {
        limit = Math.min(limit, hd.value());
      }
    }
    return limit;
  }

  private boolean moveTargetBelow(int t, int m) {
    for (var h : sc.handlers()) {
      if (h.action() == ModelScenario.Action.MOVE && h.target() == t && desc(h.value(), m)) return true;
    }
    return false;
  }
}
