package oomlab.model.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's baseline: the same breadth-first search over the same transition system, written
 * the straightforward way: every state a boxed {@code List<Integer>} in a {@code HashMap}
 * visited set, a list of {@code int[]} for the queue, boxed parent and edge lists. It computes
 * nothing {@link Explorer} does not; only the representation differs.
 */
public final class NaiveExplorer {
  private NaiveExplorer() {}

  /** Result: distinct states, transitions, whether the bound was hit, an estimate of its heap. */
  public record Result(int states, long transitions, boolean complete, long nanos) {}

  public static Result explore(TransitionSystem sys, long maxStates) {
    long t0 = System.nanoTime();
    Layout layout = sys.layout();
    Map<List<Integer>, Integer> visited = new HashMap<>();
    List<int[]> states = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    List<List<int[]>> edges = new ArrayList<>();
    State init = new State(layout);
    sys.initial(init);
    visited.put(box(init.v), 0);
    states.add(init.v.clone());
    parents.add(-1);
    State cur = new State(layout);
    Successors out = new Successors(layout);
    long[] transitions = {0};
    int[] current = {0};
    List<int[]>[] currentEdges = new List[1];
    Successors.Sink sink = (succ, step) -> {
      transitions[0]++;
      List<Integer> key = box(succ.v);
      Integer id = visited.get(key);
      if (id == null) {
        id = states.size();
        visited.put(key, id);
        states.add(succ.v.clone());
        parents.add(current[0]);
      }
      currentEdges[0].add(new int[] {id, step});
    };
    boolean complete = true;
    for (int next = 0; next < states.size(); next++) {
      if (states.size() > maxStates) {
        complete = false;
        break;
      }
      current[0] = next;
      currentEdges[0] = new ArrayList<>();
      edges.add(currentEdges[0]);
      System.arraycopy(states.get(next), 0, cur.v, 0, cur.v.length);
      out.reset(cur, sink);
      sys.expand(cur, out);
    }
    return new Result(states.size(), transitions[0], complete, System.nanoTime() - t0);
  }

  private static List<Integer> box(int[] v) {
    List<Integer> l = new ArrayList<>(v.length);
    for (int x : v) l.add(x);
    return l;
  }
}
