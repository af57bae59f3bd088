package oomlab.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import oomlab.model.design.Designs;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Search;
import org.junit.jupiter.api.Test;

/**
 * The parallel explorer builds the sequential explorer's graph state for state (same ids,
 * parents, edges, stop), with and without symmetry, exhaustive and under each bound; the bounds
 * say what they left out.
 */
class ParallelExplorerTest {
  private static final List<ModelScenario> SCENARIOS = List.of(
      SymmetryReductionTest.racers(3, 1), SymmetryReductionTest.hierarchy(2),
      ModelScenario.builder("distinct").memcg("P", 9).memcg("P/a", 6).memcg("P/b", 5)
          .task("t1", "P/a", 4, 0, ModelScenario.Mode.MLOCK, null, 0).task("t2", "P/a", 3, 0)
          .task("t3", "P/b", 4, 0).nearTie(1).build());

  @Test
  void twoAndThreeThreadsBuildTheSequentialGraph() {
    for (ModelScenario sc : SCENARIOS) {
      for (String d : Designs.names()) {
        for (boolean sym : new boolean[] {true, false}) {
          for (Search s : List.of(Search.of(5_000_000), Search.of(500), Search.of(5_000_000).withMaxDepth(12))) {
            Exploration one = Explorer.explore(sc, model(d, sc, sym), s);
            for (int threads : new int[] {2, 3}) {
              Exploration many = Explorer.explore(sc, model(d, sc, sym), s.withThreads(threads));
              same(one, many, sc.name() + " " + d + " sym=" + sym + " " + s + " threads=" + threads);
            }
          }
        }
      }
    }
  }

  @Test
  void boundsSayWhatTheyLeftOut() {
    ModelScenario sc = SymmetryReductionTest.racers(3, 1);
    Exploration full = Explorer.explore(sc, Designs.create("mainline6", sc), Search.of(5_000_000));
    assertTrue(full.complete());
    assertTrue(full.coverage().startsWith("explored exhaustively: " + full.states() + " states"), full.coverage());
    Exploration shallow = Explorer.explore(sc, Designs.create("mainline6", sc), Search.of(5_000_000).withMaxDepth(10));
    assertEquals(Exploration.Stop.DEPTH_BOUND, shallow.stop());
    assertFalse(shallow.complete());
    assertEquals(10, shallow.depth());
    // Every state within 10 steps is found, and only those at depth 10 are left unexpanded.
    int within = 0;
    for (int id = 0; id < full.states(); id++) if (depth(full, id) <= 10) within++;
    assertEquals(within, shallow.states());
    for (int id = 0; id < shallow.states(); id++) assertEquals(depth(shallow, id) < 10, id < shallow.expanded());
    assertTrue(shallow.coverage().contains("--max-depth 10") && shallow.coverage().contains("every run of fewer than 10 steps"),
        shallow.coverage());
    Exploration small = Explorer.explore(sc, Designs.create("mainline6", sc), Search.of(100));
    assertEquals(Exploration.Stop.STATE_BOUND, small.stop());
    assertTrue(small.coverage().contains("--max-states 100"), small.coverage());
    // An incomplete exploration's verdicts stay unknown: no outcome is claimed impossible.
    assertFalse(AllowedOutcomes.of(Designs.create("mainline6", sc), small).complete());
  }

  private static int depth(Exploration ex, int id) {
    int d = 0;
    for (int s = id; ex.parent(s) >= 0; s = ex.parent(s)) d++;
    return d;
  }

  private static MemcgModel model(String d, ModelScenario sc, boolean sym) {
    MemcgModel m = Designs.create(d, sc);
    return sym ? m : m.withoutSymmetry();
  }

  private static void same(Exploration a, Exploration b, String what) {
    assertEquals(a.states(), b.states(), what + ": states");
    assertEquals(a.expanded(), b.expanded(), what + ": expanded");
    assertEquals(a.transitions(), b.transitions(), what + ": transitions");
    assertEquals(a.stop(), b.stop(), what + ": stop");
    assertEquals(a.depth(), b.depth(), what + ": depth");
    for (int id = 0; id < a.states(); id++) {
      assertEquals(a.parent(id), b.parent(id), what + ": parent of " + id);
      assertEquals(a.parentStep(id), b.parentStep(id), what + ": parent step of " + id);
      assertEquals(a.state(id), b.state(id), what + ": state " + id);
    }
    for (int id = 0; id < a.expanded(); id++) {
      assertEquals(a.edgesFrom(id), b.edgesFrom(id), what + ": edges of " + id);
      for (int e = a.edgesFrom(id); e < a.edgesTo(id); e++) {
        assertEquals(a.edgeTarget(e), b.edgeTarget(e), what + ": edge " + e);
        assertEquals(a.edgeStep(e), b.edgeStep(e), what + ": edge step " + e);
      }
    }
  }
}
