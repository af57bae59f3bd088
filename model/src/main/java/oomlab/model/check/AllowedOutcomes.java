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
    private final Set<Invariant> holds = EnumSet.copyOf(FINAL_STATE_INVARIANTS);

    Entry(ModelOutcome outcome, int witness) {
      this.outcome = outcome;
      this.witness = witness;
    }

    public ModelOutcome outcome() {
      return outcome;
    }

    public long finalStates() {
      return finalStates;
    }

    /** The state id of the first final state with this outcome. */
    public int witness() {
      return witness;
    }

    public Set<Invariant> holds() {
      return holds;
    }
  }

  private final MemcgModel model;
  private final Exploration exploration;
  private final Map<ModelOutcome, Entry> entries;

  private AllowedOutcomes(MemcgModel model, Exploration exploration, Map<ModelOutcome, Entry> entries) {
    this.model = model;
    this.exploration = exploration;
    this.entries = entries;
  }

  public static AllowedOutcomes explore(MemcgModel model, long maxStates) {
    return of(model, Explorer.explore(model.scenario(), model, maxStates));
  }

  public static AllowedOutcomes of(MemcgModel model, Exploration ex) {
    StateGraphs g = new StateGraphs(ex);
    Map<ModelOutcome, Entry> entries = new LinkedHashMap<>();
    State s = ex.newState();
    for (int id = 0; id < ex.expanded(); id++) {
      boolean terminal = ex.terminal(id);
      boolean loop = !terminal && g.inBottomLoop(id);
      if (!terminal && !loop) continue;
      ex.read(id, s);
      ModelOutcome o = ModelOutcome.of(model, s, loop);
      final int witness = id;
      Entry e = entries.computeIfAbsent(o, k -> new Entry(k, witness));
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
    return new AllowedOutcomes(model, ex, entries);
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

  /** The model steps from the initial state to the entry's witness, numbered. */
  public List<String> witness(Entry e) {
    List<String> lines = new ArrayList<>(Traces.render(exploration, Traces.pathTo(exploration, e.witness()), 1));
    StateGraphs g = null;
    if (!exploration.terminal(e.witness())) {
      g = new StateGraphs(exploration);
      lines.add("then forever:");
      lines.addAll(Traces.render(exploration, g.cycleFrom(e.witness()), lines.size()));
    }
    return lines;
  }
}
