package oomlab.model.explore;

import java.util.Arrays;

/**
 * Breadth-first exploration of every interleaving, with a visited set of packed states. BFS gives
 * parent pointers along shortest paths, so counterexamples are as short as they can be. Stops at
 * {@code maxStates} distinct states and then says so ({@link Exploration#complete()} false).
 */
public final class Explorer {
  private Explorer() {}

  public static Exploration explore(ModelScenario scenario, TransitionSystem sys, long maxStates) {
    long t0 = System.nanoTime();
    Layout layout = sys.layout();
    int words = layout.words();
    StateStore store = new StateStore(words);
    long[] buf = new long[words];
    State init = new State(layout);
    sys.initial(init);
    init.pack(buf, 0);
    store.addOrGet(buf, 0);

    var g = new Growing();
    g.parent = new int[64];
    g.parentStep = new int[64];
    g.parent[0] = -1;
    g.parentStep[0] = -1;
    g.edgeStart = new int[65];
    g.edgeTarget = new int[128];
    g.edgeStep = new int[128];

    State cur = new State(layout);
    Successors out = new Successors(layout);
    boolean complete = true;
    int next = 0;
    Successors.Sink sink = (succ, step) -> {
      succ.pack(buf, 0);
      int r = store.addOrGet(buf, 0);
      int id;
      if (r >= 0) {
        id = r;
        g.ensureStates(id + 1);
        g.parent[id] = g.current;
        g.parentStep[id] = step;
      } else {
        id = -r - 1;
      }
      g.addEdge(id, step);
    };
    while (next < store.size()) {
      if (store.size() > maxStates) {
        complete = false;
        break;
      }
      g.current = next;
      g.ensureStarts(next + 2);
      g.edgeStart[next] = g.edges;
      store.read(next, cur);
      out.reset(cur, sink);
      sys.expand(cur, out);
      next++;
      g.edgeStart[next] = g.edges;
    }
    int n = store.size();
    return new Exploration(scenario, layout, store, Arrays.copyOf(g.parent, n),
        Arrays.copyOf(g.parentStep, n), Arrays.copyOf(g.edgeStart, next + 1),
        Arrays.copyOf(g.edgeTarget, g.edges), Arrays.copyOf(g.edgeStep, g.edges), complete,
        g.edges, System.nanoTime() - t0);
  }

  private static final class Growing {
    int current;
    int[] parent;
    int[] parentStep;
    int[] edgeStart;
    int[] edgeTarget;
    int[] edgeStep;
    int edges;

    void ensureStates(int n) {
      if (n > parent.length) {
        int c = Math.max(n, parent.length * 2);
        parent = Arrays.copyOf(parent, c);
        parentStep = Arrays.copyOf(parentStep, c);
      }
    }

    void ensureStarts(int n) {
      if (n > edgeStart.length) edgeStart = Arrays.copyOf(edgeStart, Math.max(n, edgeStart.length * 2));
    }

    void addEdge(int target, int step) {
      if (edges == edgeTarget.length) {
        int c = edgeTarget.length * 2;
        edgeTarget = Arrays.copyOf(edgeTarget, c);
        edgeStep = Arrays.copyOf(edgeStep, c);
      }
      edgeTarget[edges] = target;
      edgeStep[edges] = step;
      edges++;
    }
  }
}
