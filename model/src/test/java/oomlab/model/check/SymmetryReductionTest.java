package oomlab.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oomlab.model.design.Designs;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.State;
import org.junit.jupiter.api.Test;

/**
 * The symmetry reduction against the unreduced exploration, design by design: the reduced
 * outcomes, each renamed within its classes in every way, are exactly the unreduced outcomes,
 * with the same final-state invariants; the same invariants are violated; and every witness and
 * counterexample of the reduced space replays in the unreduced system with the task names it
 * prints.
 */
class SymmetryReductionTest {
  private static final long MAX = 3_000_000;

  /** n identical racers in one memcg that cannot hold them all (3 of 3 units or 4 of 2 units in 5). */
  static ModelScenario racers(int n, int version) {
    var b = ModelScenario.builder("racers-" + n).cgroupVersion(version).nearTie(1).memcg("A", 5);
    for (int i = 1; i <= n; i++) b.task("r" + i, "A", n > 3 ? 2 : 3, 0);
    return b.build();
  }

  /** Two classes under a parent that OOMs too, and a handler raising a limit. */
  static ModelScenario hierarchy(int version) {
    return ModelScenario.builder("two-classes").cgroupVersion(version).nearTie(1)
        .memcg("P", 6).memcg("P/a", 3).memcg("P/b", 3)
        .task("a1", "P/a", 2, 0).task("a2", "P/a", 2, 0)
        .task("b1", "P/b", 2, 0).task("b2", "P/b", 2, 0)
        .handler("P/a", ModelScenario.Action.RAISE_LIMIT, "P/a", 4)
        .build();
  }

  @Test
  void threeAndFourRacersHaveTheUnreducedOutcomesUnderEveryDesign() {
    for (int n : new int[] {3, 4}) {
      for (String d : Designs.names()) compare(racers(n, 1), d);
    }
    for (String d : List.of("hocko2018", "mainline6")) compare(racers(3, 2), d);
  }

  @Test
  void twoClassesInAHierarchyWithAHandlerHaveTheUnreducedOutcomes() {
    for (String d : Designs.names()) compare(hierarchy(1), d);
    for (String d : List.of("hocko2018", "mainline6")) compare(hierarchy(2), d);
  }

  @Test
  void theReductionStoresFewerStates() {
    MemcgModel full = Designs.create("mainline6", racers(4, 1)).withoutSymmetry();
    MemcgModel reduced = Designs.create("mainline6", racers(4, 1));
    int a = AllowedOutcomes.explore(full, MAX).exploration().states();
    int b = AllowedOutcomes.explore(reduced, MAX).exploration().states();
    assertTrue(b * 4 < a, "reduced " + b + " vs unreduced " + a);
    assertEquals(List.of(List.of("r1", "r2", "r3", "r4")), AllowedOutcomes.explore(reduced, MAX).interchangeable());
  }

  @Test
  void tasksTheScenarioTellsApartAreNotInterchangeable() {
    // The handler kills r2, r3 starts after r1, r5 has another oom_score_adj: only r4 and r6 remain alike.
    ModelScenario sc = ModelScenario.builder("apart").nearTie(1).memcg("A", 12)
        .task("r1", "A", 3, 0).task("r2", "A", 3, 0).task("r3", "A", 3, 0, ModelScenario.Mode.TOUCH, "r1", 1)
        .task("r4", "A", 3, 0).task("r5", "A", 3, 100).task("r6", "A", 3, 0)
        .handler("A", ModelScenario.Action.KILL, "r2", 0).build();
    var sym = Designs.create("mainline6", sc).symmetry();
    assertEquals(List.of(List.of("r4", "r6")), sym.classNames(sc));
    // Without a near-tie tolerance the era's tie rule picks by scan order: no symmetry at all.
    ModelScenario exact = ModelScenario.builder("exact").memcg("A", 5).task("r1", "A", 3, 0).task("r2", "A", 3, 0).build();
    assertTrue(Designs.create("mainline6", exact).symmetry().trivial());
  }

  @Test
  void aCounterexampleOfTheReducedSpaceIsARealTraceWithRealNames() {
    // kamezawa2010 loses a wake-up among identical racers (LostWakeupTest has it with two tasks).
    ModelScenario sc = racers(3, 1);
    MemcgModel model = Designs.create("kamezawa2010", sc);
    assertFalse(model.symmetry().trivial());
    var r = ModelChecker.check(model, EnumSet.of(Invariant.NO_LOST_WAKEUP), MAX);
    Violation v = r.violations().get(Invariant.NO_LOST_WAKEUP);
    assertTrue(v != null, "kamezawa2010 should lose a wake-up with three racers");
    Exploration ex = r.exploration();
    // The violating state as the checker found it, and its trace replayed in the unreduced system.
    int id = firstTerminalWithLostWakeup(model, ex);
    Exploration.Real real = Traces.traceTo(ex, id, null);
    State end = ex.replay(unreduced("kamezawa2010", sc), real.steps(), id);
    String sleeper = null;
    for (int t = 0; t < end.tasks(); t++) {
      if (model.asleep(end, t) && model.wakeConditionHolds(end, t)) sleeper = sc.tasks().get(t).name();
    }
    assertTrue(sleeper != null, "the replayed trace ends with a task that lost its wake-up");
    assertTrue(v.summary().startsWith(sleeper + " sleeps forever"), v.summary() + " names " + sleeper);
    // The printed lines are the real steps: every task they name acts in the replay as printed.
    assertEquals(Traces.render(ex, real.steps(), 1), v.trace().subList(0, v.trace().size() - 1));
  }

  @Test
  void everyWitnessReplaysToItsOutcomeWithItsNames() {
    int renamed = 0;
    for (String d : Designs.names()) {
      MemcgModel model = Designs.create(d, hierarchy(1));
      AllowedOutcomes allowed = AllowedOutcomes.explore(model, MAX);
      Exploration ex = allowed.exploration();
      for (var e : allowed.entries()) {
        Exploration.Real real = Traces.traceTo(ex, e.witness(), e.frame());
        State end = ex.replay(unreduced(d, hierarchy(1)), real.steps(), e.witness());
        boolean loop = !ex.terminal(e.witness());
        assertEquals(e.outcome(), ModelOutcome.of(model, end, loop), d + ": witness of " + e.outcome().summary());
        if (renames(Traces.pathTo(ex, e.witness()), real.steps())) renamed++;
      }
    }
    assertTrue(renamed > 0, "some witness is not the stored path as it is: the renaming was exercised");
  }

  private static boolean renames(List<int[]> stored, List<int[]> real) {
    for (int i = 0; i < stored.size(); i++) if (stored.get(i)[1] != real.get(i)[1]) return true;
    return false;
  }

  /** The design without symmetry and without the partial-order reduction: every interleaving. */
  private static MemcgModel unreduced(String design, ModelScenario sc) {
    return Designs.create(design, sc).withoutSymmetry().withoutReduction();
  }

  private static int firstTerminalWithLostWakeup(MemcgModel model, Exploration ex) {
    State s = ex.newState();
    for (int id = 0; id < ex.expanded(); id++) {
      if (!ex.terminal(id)) continue;
      ex.read(id, s);
      for (int t = 0; t < s.tasks(); t++) if (model.asleep(s, t) && model.wakeConditionHolds(s, t)) return id;
    }
    throw new AssertionError("no lost wake-up state");
  }

  private static void compare(ModelScenario sc, String design) {
    MemcgModel reducedModel = Designs.create(design, sc);
    MemcgModel fullModel = Designs.create(design, sc).withoutSymmetry();
    assertFalse(reducedModel.symmetry().trivial());
    AllowedOutcomes reduced = AllowedOutcomes.explore(reducedModel, MAX);
    AllowedOutcomes full = AllowedOutcomes.explore(fullModel, MAX);
    String what = sc.name() + " v" + sc.cgroupVersion() + " under " + design;
    assertTrue(reduced.complete() && full.complete(), what + " explored exhaustively");
    Map<ModelOutcome, Set<Invariant>> expanded = new HashMap<>();
    OutcomeSymmetry os = new OutcomeSymmetry(sc, reducedModel.symmetry().classes());
    for (var e : reduced.entries()) {
      for (int[] p : permutations(reducedModel.symmetry().classes(), sc.tasks().size())) {
        expanded.put(os.rename(e.outcome(), p), e.holds());
      }
    }
    Map<ModelOutcome, Set<Invariant>> unreduced = new HashMap<>();
    for (var e : full.entries()) unreduced.put(e.outcome(), e.holds());
    assertEquals(unreduced.keySet(), expanded.keySet(), what + ": outcomes");
    assertEquals(unreduced, expanded, what + ": final-state invariants per outcome");
    Set<Invariant> all = EnumSet.allOf(Invariant.class);
    assertEquals(ModelChecker.check(fullModel, all, MAX).violations().keySet(),
        ModelChecker.check(reducedModel, all, MAX).violations().keySet(), what + ": violated invariants");
    assertTrue(reduced.exploration().states() < full.exploration().states(), what + ": fewer states");
  }

  /** Every renaming that permutes tasks within their classes. */
  static List<int[]> permutations(int[][] classes, int tasks) {
    List<int[]> out = new ArrayList<>();
    out.add(OutcomeSymmetry.identity(tasks));
    for (int[] c : classes) {
      List<int[]> next = new ArrayList<>();
      for (int[] base : out) {
        for (int[] order : orders(c.length)) {
          int[] p = base.clone();
          for (int i = 0; i < c.length; i++) p[c[i]] = c[order[i]];
          next.add(p);
        }
      }
      out = next;
    }
    return out;
  }

  private static List<int[]> orders(int k) {
    List<int[]> out = new ArrayList<>();
    permute(new int[k], new boolean[k], 0, out);
    return out;
  }

  private static void permute(int[] cur, boolean[] used, int i, List<int[]> out) {
    if (i == cur.length) {
      out.add(cur.clone());
      return;
    }
    for (int x = 0; x < cur.length; x++) {
      if (used[x]) continue;
      used[x] = true;
      cur[i] = x;
      permute(cur, used, i + 1, out);
      used[x] = false;
    }
  }
}
