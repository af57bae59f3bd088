package oomlab.model.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Search;
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
    return check(model, which, Search.of(maxStates));
  }

  public static Result check(MemcgModel model, Set<Invariant> which, Search search) {
    Exploration ex = Explorer.explore(model.scenario(), model, search);
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
            String what = sc.memcgs().get(m).path() + " usage " + s.usage(m) + " > limit " + s.limit(m) + " (units)";
            found.put(Invariant.LIMIT_RESPECTED, violation(ex, Invariant.LIMIT_RESPECTED, id, frame -> what));
            break;
          }
        }
      }
      if (want(which, found, Invariant.OOM_EXCLUSION) && exclusionClash(model, sc, s, null) != null) {
        State at = s;
        found.put(Invariant.OOM_EXCLUSION, violation(ex, Invariant.OOM_EXCLUSION, id,
            frame -> exclusionClash(model, sc, at, frame)));
      }
    }
    if (want(which, found, Invariant.NO_OVERKILL)) {
      outer:
      for (int id = 0; id < ex.expanded(); id++) {
        for (int e = ex.edgesFrom(id); e < ex.edgesTo(id); e++) {
          if ((ex.edgeStep(e) & Step.OVERKILL) != 0) {
            Exploration.Real r = Traces.traceTo(ex, id, null);
            List<int[]> path = new ArrayList<>(r.steps());
            path.add(new int[] {id, Exploration.relabel(ex.edgeStep(e), r.frame())});
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
          int task = t;
          String where = memcgState(sc, s, s.over(t));
          if (model.wakeConditionHolds(s, t)) {
            if (want(which, found, Invariant.NO_LOST_WAKEUP)) {
              found.put(Invariant.NO_LOST_WAKEUP, violation(ex, Invariant.NO_LOST_WAKEUP, id,
                  frame -> sc.tasks().get(frame[task]).name() + " sleeps forever although what it waits for has happened ("
                      + where + "), and no step is left that could wake it"));
            }
          } else if (!model.frozenByUserspace(s, t) && want(which, found, Invariant.NO_DEADLOCK)) {
            found.put(Invariant.NO_DEADLOCK, violation(ex, Invariant.NO_DEADLOCK, id,
                frame -> sc.tasks().get(frame[task]).name() + " sleeps forever (" + where + ") and nothing can wake it"));
          }
        }
      }
    }
    if (want(which, found, Invariant.PROGRESS)) {
      StateGraphs g = new StateGraphs(ex);
      int loop = g.firstBottomLoopState();
      if (loop >= 0) {
        Exploration.Real r = Traces.traceTo(ex, loop, null);
        List<String> lines = new ArrayList<>(Traces.render(ex, r.steps(), 1));
        List<int[]> cycle = Traces.loop(ex, g.cycleFrom(loop), loop, r.frame());
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

  /** The clash in words, tasks named through {@code frame} (stored -> real index; null: as stored). */
  private static String exclusionClash(MemcgModel model, ModelScenario sc, State s, int[] frame) {
    for (int t = 0; t < s.tasks(); t++) {
      int a = model.oomSection(s, t);
      if (a < 0) continue;
      for (int u = t + 1; u < s.tasks(); u++) {
        int b = model.oomSection(s, u);
        if (b >= 0 && sc.overlap(a, b)) {
          int rt = frame == null ? t : frame[t];
          int ru = frame == null ? u : frame[u];
          return sc.tasks().get(rt).name() + " (OOM in " + sc.memcgs().get(a).path() + ") and "
              + sc.tasks().get(ru).name() + " (OOM in " + sc.memcgs().get(b).path() + ") kill at the same time";
        }
      }
    }
    return null;
  }

  /** The violation at state id: the real trace to it, and {@code what} said with its tasks' real names. */
  private static Violation violation(Exploration ex, Invariant inv, int id, Function<int[], String> what) {
    Exploration.Real r = Traces.traceTo(ex, id, null);
    List<String> lines = new ArrayList<>(Traces.render(ex, r.steps(), 1));
    String w = what.apply(r.frame());
    lines.add("=> " + w);
    return new Violation(inv, w, lines);
  }

  static String memcgState(ModelScenario sc, State s, int m) {
    if (m < 0 || m >= sc.memcgs().size()) return "";
    return sc.memcgs().get(m).path() + " usage " + s.usage(m) + "/" + Traces.limit(s.limit(m));
  }
}
