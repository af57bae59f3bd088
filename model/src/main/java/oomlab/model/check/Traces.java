package oomlab.model.check;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.Op;
import oomlab.model.explore.State;
import oomlab.model.explore.Step;

/**
 * Turns paths of the state graph into numbered lines, one step a line. Runs of the same step
 * (a task charging page after page) are folded into one line with a count.
 */
public final class Traces {
  private Traces() {}

  /**
   * The BFS parent path from the initial state to {@code id}, as step labels with their source
   * states, tasks named as each source state numbers them (see {@link #traceTo} for real names).
   */
  public static List<int[]> pathTo(Exploration ex, int id) {
    List<int[]> rev = new ArrayList<>();
    for (int s = id; ex.parent(s) >= 0; s = ex.parent(s)) rev.add(new int[] {ex.parent(s), ex.parentStep(s)});
    List<int[]> out = new ArrayList<>(rev.size());
    for (int i = rev.size() - 1; i >= 0; i--) out.add(rev.get(i));
    return out;
  }

  /**
   * The path to {@code id} as a real trace: steps with real task names, ending in frame
   * {@code endFrame} (stored index -> real index of state id), or in the frame the path leads to
   * when {@code endFrame} is null. See {@link Exploration#realize}.
   */
  public static Exploration.Real traceTo(Exploration ex, int id, int[] endFrame) {
    List<int[]> path = pathTo(ex, id);
    Exploration.Real r = ex.realize(path, id, ex.identityFrame());
    if (endFrame == null || java.util.Arrays.equals(endFrame, r.frame())) return r;
    // Rename the whole trace by tau = endFrame o frame^-1 (a symmetry: the initial state is symmetric).
    int[] tau = new int[endFrame.length];
    for (int j = 0; j < tau.length; j++) tau[r.frame()[j]] = endFrame[j];
    return ex.realize(path, id, tau);
  }

  /**
   * A loop of the graph through {@code id} ({@link StateGraphs#cycleFrom}) entered in frame
   * {@code frame}, as a real loop: under a symmetry the quotient's cycle may end in a permuted
   * frame, so it is repeated until the frame is back where it started (at most the order of the
   * permutation), which is a cycle of the real state graph.
   */
  public static List<int[]> loop(Exploration ex, List<int[]> cycle, int id, int[] frame) {
    List<int[]> out = new ArrayList<>();
    if (cycle.isEmpty()) return out;
    int[] f = frame;
    do {
      Exploration.Real r = ex.realize(cycle, id, f);
      out.addAll(r.steps());
      f = r.frame();
    } while (!java.util.Arrays.equals(f, frame) && out.size() < 100_000);
    return out;
  }

  /** Numbered lines for a list of (source state, step) pairs, numbering from {@code first}. */
  public static List<String> render(Exploration ex, List<int[]> steps, int first) {
    ModelScenario sc = ex.scenario();
    List<String> lines = new ArrayList<>();
    State st = ex.newState();
    int n = first;
    int i = 0;
    while (i < steps.size()) {
      int step = steps.get(i)[1];
      int j = i + 1;
      while (j < steps.size() && steps.get(j)[1] == step && foldable(step)) j++;
      ex.read(steps.get(i)[0], st);
      String text = Step.format(sc, step) + context(sc, st, step);
      int count = j - i;
      if (count == 1) {
        lines.add(n + ". " + text);
      } else {
        lines.add(n + "-" + (n + count - 1) + ". " + text + " (" + count + " times)");
      }
      n += count;
      i = j;
    }
    return lines;
  }

  private static boolean foldable(int step) {
    Op op = Step.op(step);
    return op == Op.CHARGE || op == Op.RETRY_CHARGE || op == Op.FORCE_CHARGE || op == Op.BYPASS_CHARGE;
  }

  /** What the acting task sees: the memcg counter the step reads. */
  private static String context(ModelScenario sc, State s, int step) {
    Op op = Step.op(step);
    int a = Step.a(step);
    if (a >= sc.memcgs().size()) return "";
    return switch (op) {
      case CHARGE_FAIL, KILL, KILL_NONE, KILL_ABORT, H_MARGIN, K_HANDLE_FIRST, K_HANDLE_SLEEP,
          K_UNDER_OOM_WAIT, L_SYNC_SLEEP, D_TRYLOCK_WAIT, FORCE_CHARGE ->
          " [" + sc.memcgs().get(a).path() + " usage " + s.usage(a) + "/" + limit(s.limit(a)) + "]";
      default -> "";
    };
  }

  static String limit(int l) {
    return l == ModelScenario.UNLIMITED ? "max" : Integer.toString(l);
  }
}
