package oomlab.model.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.Search;
import oomlab.model.outcome.Outcome;
import oomlab.model.explore.State;

/**
 * A design's reachable outcomes for one scenario: the outcome of every final state (terminal, or
 * in a loop the run never leaves), how many final states reach it, the first (shortest) of them
 * as witness, and which of the final-state invariants hold in all of them.
 */
public final class AllowedOutcomes {
  /** Invariants decidable on a final state alone; the others are path properties (model check). */
  public static final Set<Invariant> FINAL_STATE_INVARIANTS = EnumSet.of(Invariant.LIMIT_RESPECTED,
      Invariant.NO_LOST_WAKEUP, Invariant.NO_DEADLOCK, Invariant.PROGRESS);

  /** One allowed outcome. */
  public static final class Entry {
    private final ModelOutcome outcome;
    private long finalStates;
    private final int witness;
    private final int[] frame;
    private final Set<Invariant> holds = EnumSet.copyOf(FINAL_STATE_INVARIANTS);

    Entry(ModelOutcome outcome, int witness, int[] frame) {
      this.outcome = outcome;
      this.witness = witness;
      this.frame = frame;
    }

    public ModelOutcome outcome() {
      return outcome;
    }

    public long finalStates() {
      return finalStates;
    }

    /**
     * The state id of the first final state with this outcome. Under a symmetry the outcome is
     * the representative of its renamings and stands for all of them; {@link #finalStates()}
     * counts stored states (orbits), not the real states they stand for.
     */
    public int witness() {
      return witness;
    }

    public Set<Invariant> holds() {
      return holds;
    }

    /** The witness's frame: stored task index -> the index the outcome names it by. */
    int[] frame() {
      return frame.clone();
    }
  }

  private final MemcgModel model;
  private final Exploration exploration;
  private final Map<ModelOutcome, Entry> entries;
  private final OutcomeSymmetry symmetry;

  private AllowedOutcomes(MemcgModel model, Exploration exploration, Map<ModelOutcome, Entry> entries,
      OutcomeSymmetry symmetry) {
    this.model = model;
    this.exploration = exploration;
    this.entries = entries;
    this.symmetry = symmetry;
  }

  public static AllowedOutcomes explore(MemcgModel model, long maxStates) {
    return explore(model, Search.of(maxStates));
  }

  public static AllowedOutcomes explore(MemcgModel model, Search search) {
    return of(model, Explorer.explore(model.scenario(), model, search));
  }

  public static AllowedOutcomes of(MemcgModel model, Exploration ex) {
    OutcomeSymmetry sym = new OutcomeSymmetry(ex.scenario(), ex.symmetry().classes());
    StateGraphs g = new StateGraphs(ex);
    Map<ModelOutcome, Entry> entries = new LinkedHashMap<>();
    State s = ex.newState();
    for (int id = 0; id < ex.expanded(); id++) {
      boolean terminal = ex.terminal(id);
      boolean loop = !terminal && g.inBottomLoop(id);
      if (!terminal && !loop) continue;
      ex.read(id, s);
      ModelOutcome stored = ModelOutcome.of(model, s, loop);
      int[] frame = sym.canonicalFrame(stored);
      ModelOutcome o = sym.rename(stored, frame);
      final int witness = id;
      Entry e = entries.computeIfAbsent(o, k -> new Entry(k, witness, frame));
      e.finalStates++;
      for (int m = 0; m < s.memcgs(); m++) {
        if (s.memcgFlag(m, State.M_OVERCHARGED)) e.holds.remove(Invariant.LIMIT_RESPECTED);
      }
      if (loop) e.holds.remove(Invariant.PROGRESS);
      for (int t = 0; t < s.tasks(); t++) {
        if (!model.asleep(s, t)) continue;
        if (model.wakeConditionHolds(s, t)) e.holds.remove(Invariant.NO_LOST_WAKEUP);
        else if (!model.frozenByUserspace(s, t)) e.holds.remove(Invariant.NO_DEADLOCK);
      }
    }
    return new AllowedOutcomes(model, ex, entries, sym);
  }

  public MemcgModel model() {
    return model;
  }

  public Exploration exploration() {
    return exploration;
  }

  /** Whether every final state was found (the exploration did not hit its bound). */
  public boolean complete() {
    return exploration.complete();
  }

  public List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  /** The classes of interchangeable tasks, by name: each outcome stands for its renamings within them. */
  public List<List<String>> interchangeable() {
    return exploration.symmetry().classNames(exploration.scenario());
  }

  /**
   * The renaming of the entry's outcome nearest to {@code real} (the outcome itself without a
   * symmetry): real conforms to the entry iff this equals it in every compared field.
   */
  public ModelOutcome nearest(Entry e, Outcome real) {
    return symmetry.rename(e.outcome(), symmetry.align(e.outcome(), real));
  }

  /** The model steps from the initial state to the entry's witness, numbered, with real task names. */
  public List<String> witness(Entry e) {
    return witness(e, e.frame);
  }

  /** The witness of {@link #nearest}{@code (e, real)}: the same trace with the tasks renamed alike. */
  public List<String> witness(Entry e, Outcome real) {
    int[] p = symmetry.align(e.outcome(), real);
    int[] f = new int[e.frame.length];
    for (int j = 0; j < f.length; j++) f[j] = p[e.frame[j]];
    return witness(e, f);
  }

  private List<String> witness(Entry e, int[] endFrame) {
    Exploration.Real r = Traces.traceTo(exploration, e.witness(), endFrame);
    List<String> lines = new ArrayList<>(Traces.render(exploration, r.steps(), 1));
    if (!exploration.terminal(e.witness())) {
      StateGraphs g = new StateGraphs(exploration);
      lines.add("then forever:");
      lines.addAll(Traces.render(exploration, Traces.loop(exploration, g.cycleFrom(e.witness()), e.witness(),
          r.frame()), lines.size()));
    }
    return lines;
  }
}
