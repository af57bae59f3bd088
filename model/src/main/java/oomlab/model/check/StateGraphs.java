package oomlab.model.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import oomlab.model.explore.Exploration;

/**
 * Graph facts of an exploration: which states can still reach a final (terminal) state, and the
 * bottom strongly connected components of those that cannot: the loops a run may never leave.
 */
public final class StateGraphs {
  private final Exploration ex;
  private final boolean[] canEnd;
  private final boolean[] inBottomLoop;

  public StateGraphs(Exploration ex) {
    this.ex = ex;
    int n = ex.states();
    this.canEnd = reachTerminal(ex, n);
    this.inBottomLoop = bottomSccs(ex, n, canEnd);
  }

  /** Whether a final state is reachable from {@code id} (unexpanded states: assumed so). */
  public boolean canEnd(int id) {
    return canEnd[id];
  }

  /** Whether {@code id} lies in a loop the run can never leave (no final state reachable). */
  public boolean inBottomLoop(int id) {
    return inBottomLoop[id];
  }

  /** The first (shortest-path) state in a bottom loop, or -1. */
  public int firstBottomLoopState() {
    for (int i = 0; i < inBottomLoop.length; i++) if (inBottomLoop[i]) return i;
    return -1;
  }

  /** A cycle from {@code id} back to itself inside its loop, as (source, step) pairs. */
  public List<int[]> cycleFrom(int id) {
    int n = ex.states();
    int[] prev = new int[n];
    int[] prevStep = new int[n];
    Arrays.fill(prev, -2);
    ArrayDeque<Integer> q = new ArrayDeque<>();
    q.add(id);
    prev[id] = -1;
    while (!q.isEmpty()) {
      int s = q.poll();
      for (int e = ex.edgesFrom(s); e < ex.edgesTo(s); e++) {
        int t = ex.edgeTarget(e);
        if (t == id) {
          List<int[]> path = new ArrayList<>();
          path.add(new int[] {s, ex.edgeStep(e)});
          for (int u = s; prev[u] >= 0; u = prev[u]) path.add(new int[] {prev[u], prevStep[u]});
          java.util.Collections.reverse(path);
          return path;
        }
        if (prev[t] == -2 && inBottomLoop[t]) {
          prev[t] = s;
          prevStep[t] = ex.edgeStep(e);
          q.add(t);
        }
      }
    }
    return List.of();
  }

  private static boolean[] reachTerminal(Exploration ex, int n) {
    int expanded = ex.expanded();
    // Reverse edges in CSR form.
    int[] indeg = new int[n + 1];
    for (int s = 0; s < expanded; s++) {
      for (int e = ex.edgesFrom(s); e < ex.edgesTo(s); e++) indeg[ex.edgeTarget(e) + 1]++;
    }
    for (int i = 0; i < n; i++) indeg[i + 1] += indeg[i];
    int[] rev = new int[indeg[n]];
    int[] fill = Arrays.copyOf(indeg, n);
    for (int s = 0; s < expanded; s++) {
      for (int e = ex.edgesFrom(s); e < ex.edgesTo(s); e++) rev[fill[ex.edgeTarget(e)]++] = s;
    }
    boolean[] can = new boolean[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int s = 0; s < n; s++) {
      if (s >= expanded || ex.terminal(s)) {
        can[s] = true;
        queue[tail++] = s;
      }
    }
    while (head < tail) {
      int s = queue[head++];
      for (int i = indeg[s]; i < indeg[s + 1]; i++) {
        int p = rev[i];
        if (!can[p]) {
          can[p] = true;
          queue[tail++] = p;
        }
      }
    }
    return can;
  }

  /** Iterative Tarjan over the states that cannot end; marks SCCs with no edge leaving them. */
  private static boolean[] bottomSccs(Exploration ex, int n, boolean[] canEnd) {
    boolean[] out = new boolean[n];
    boolean any = false;
    for (int i = 0; i < n; i++) if (!canEnd[i]) any = true;
    if (!any) return out;
    int[] index = new int[n];
    int[] low = new int[n];
    int[] comp = new int[n];
    Arrays.fill(index, -1);
    Arrays.fill(comp, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int sp = 0;
    int[] callV = new int[n];
    int[] callE = new int[n];
    int counter = 0;
    int comps = 0;
    for (int root = 0; root < n; root++) {
      if (canEnd[root] || index[root] >= 0) continue;
      int csp = 0;
      callV[csp] = root;
      callE[csp] = ex.edgesFrom(root);
      csp++;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = true;
      while (csp > 0) {
        int v = callV[csp - 1];
        int e = callE[csp - 1];
        if (e < ex.edgesTo(v)) {
          callE[csp - 1] = e + 1;
          int w = ex.edgeTarget(e);
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            callV[csp] = w;
            callE[csp] = ex.edgesFrom(w);
            csp++;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          csp--;
          if (csp > 0) {
            int p = callV[csp - 1];
            low[p] = Math.min(low[p], low[v]);
          }
          if (low[v] == index[v]) {
            int c = comps++;
            int w;
            do {
              w = stack[--sp];
              onStack[w] = false;
              comp[w] = c;
            } while (w != v);
          }
        }
      }
    }
    boolean[] leaves = new boolean[comps];
    Arrays.fill(leaves, true);
    for (int s = 0; s < n; s++) {
      if (comp[s] < 0) continue;
      for (int e = ex.edgesFrom(s); e < ex.edgesTo(s); e++) {
        if (comp[ex.edgeTarget(e)] != comp[s]) leaves[comp[s]] = false;
      }
    }
    for (int s = 0; s < n; s++) if (comp[s] >= 0 && leaves[comp[s]]) out[s] = true;
    return out;
  }
}
