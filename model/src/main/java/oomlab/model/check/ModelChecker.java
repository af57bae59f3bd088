package oomlab.model.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;

/**
 * Holds one design's explored state graph against the invariants and returns, for each invariant
 * broken, the counterexample with the shortest prefix BFS found. A violation found in a partial
 * exploration is real; the absence of one is only claimed when the exploration was complete.
 */
public final class ModelChecker {
  private ModelChecker() {}

  /** Result of {@code oomlab model check}. */
  public record Result(String design, Exploration exploration, Map<Invariant, Violation> violations,
      Set<Invariant> checked) {
    public boolean complete() {
      return exploration.complete();
    }
  }

  public static Result check(MemcgModel model, Set<Invariant> which, long maxStates) {
    Exploration ex = Explorer.explore(model.scenario(), model, maxStates);
    return new Result(model.name(), ex, violations(model, ex, which), which);
  }

  public static Map<Invariant, Violation> violations(MemcgModel model, Exploration ex, Set<Invariant> which) {
    Map<Invariant, Violation> found = new EnumMap<>(Invariant.class);
    ModelScenario sc = ex.scenario();
    State s = ex.newState();
    int n = ex.states();
    for (int id = 0; id < n && (want(which, found, Invariant.LIMIT_RESPECTED)
        || want(which, found, Invariant.OOM_EXCLUSION)); id++) {
      ex.read(id, s);
      if (want(which, found, Invariant.LIMIT_RESPECTED)) {
        for (int m = 0; m < s.memcgs(); m++) {
          if (s.usage(m) > s.limit(m) && !s.memcgFlag(m, State.M_LIMIT_SET)) {
            found.put(Invariant.LIMIT_RESPECTED, violation(ex, Invariant.LIMIT_RESPECTED, id,
                sc.memcgs().get(m).path() + " usage " + s.usage(m) + " > limit " + s.limit(m) + " (units)"));
            break;
          }
        }
      }
      if (want(which, found, Invariant.OOM_EXCLUSION)) {
        String clash = exclusionClash(model, sc, s);
        if (clash != null) found.put(Invariant.OOM_EXCLUSION, violation(ex, Invariant.OOM_EXCLUSION, id, clash));
      }
    }
    if (want(which, found, Invariant.NO_OVERKILL)) {
      outer:
      for (int id = 0; id < ex.expanded(); id++) {
        for (int e = ex.edgesFrom(id); e < ex.edgesTo(id); e++) {
          if ((ex.edgeStep(e) & Step.OVERKILL) != 0) {
            List<int[]> path = Traces.pathTo(ex, id);
            path.add(new int[] {id, ex.edgeStep(e)});
            found.put(Invariant.NO_OVERKILL, new Violation(Invariant.NO_OVERKILL,
                "a second victim is killed while an earlier one still holds memory in the domain",
                Traces.render(ex, path, 1)));
            break outer;
          }
        }
      }
    }
    if (want(which, found, Invariant.NO_LOST_WAKEUP) || want(which, found, Invariant.NO_DEADLOCK)) {
      for (int id = 0; id < ex.expanded(); id++) {
        if (!ex.terminal(id)) continue;
        ex.read(id, s);
        for (int t = 0; t < s.tasks(); t++) {
          if (!model.asleep(s, t)) continue;
          String who = sc.tasks().get(t).name();
          if (model.wakeConditionHolds(s, t)) {
            if (want(which, found, Invariant.NO_LOST_WAKEUP)) {
              found.put(Invariant.NO_LOST_WAKEUP, violation(ex, Invariant.NO_LOST_WAKEUP, id,
                  who + " sleeps forever although what it waits for has happened ("
                      + memcgState(sc, s, s.over(t)) + "), and no step is left that could wake it"));
            }
          } else if (!model.frozenByUserspace(s, t) && want(which, found, Invariant.NO_DEADLOCK)) {
            found.put(Invariant.NO_DEADLOCK, violation(ex, Invariant.NO_DEADLOCK, id,
                who + " sleeps forever (" + memcgState(sc, s, s.over(t)) + ") and nothing can wake it"));
          }
        }
      }
    }
    if (want(which, found, Invariant.PROGRESS)) {
      StateGraphs g = new StateGraphs(ex);
      int loop = g.firstBottomLoopState();
      if (loop >= 0) {
        List<String> lines = new ArrayList<>(Traces.render(ex, Traces.pathTo(ex, loop), 1));
        List<int[]> cycle = g.cycleFrom(loop);
        lines.add("then forever:");
        lines.addAll(Traces.render(ex, cycle, lines.size()));
        found.put(Invariant.PROGRESS, new Violation(Invariant.PROGRESS,
            "the run can reach a loop it never leaves (no final state is reachable from it)", lines));
      }
    }
    return found;
  }

  private static boolean want(Set<Invariant> which, Map<Invariant, Violation> found, Invariant i) {
    return which.contains(i) && !found.containsKey(i);
  }

  private static String exclusionClash(MemcgModel model, ModelScenario sc, State s) {
    for (int t = 0; t < s.tasks(); t++) {
      int a = model.oomSection(s, t);
      if (a < 0) continue;
      for (int u = t + 1; u < s.tasks(); u++) {
        int b = model.oomSection(s, u);
        if (b >= 0 && sc.overlap(a, b)) {
          return sc.tasks().get(t).name() + " (OOM in " + sc.memcgs().get(a).path() + ") and "
              + sc.tasks().get(u).name() + " (OOM in " + sc.memcgs().get(b).path() + ") kill at the same time";
        }
      }
    }
    return null;
  }

  private static Violation violation(Exploration ex, Invariant inv, int id, String what) {
    List<String> lines = new ArrayList<>(Traces.render(ex, Traces.pathTo(ex, id), 1));
    lines.add("=> " + what);
    return new Violation(inv, what, lines);
  }

  static String memcgState(ModelScenario sc, State s, int m) {
    if (m < 0 || m >= sc.memcgs().size()) return "";
    return sc.memcgs().get(m).path() + " usage " + s.usage(m) + "/" + Traces.limit(s.limit(m));
  }
}
