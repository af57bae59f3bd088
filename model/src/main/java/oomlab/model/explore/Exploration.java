package oomlab.model.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The explored state graph: every distinct reachable state (up to the bound), the BFS parent
 * pointers (shortest traces), and all edges with their step labels.
 *
 * <p>Under a {@link Symmetry} the graph is the quotient: each stored state stands for its orbit,
 * and an edge's step label names tasks as its source state numbers them. A path of the quotient
 * is turned into a real trace, with real task names, by {@link #realize}: a <em>frame</em> maps
 * the task indices of a stored state to those of the real state it stands for on that trace.
 */
public final class Exploration {
  /** Why the exploration ended. */
  public enum Stop {
    COMPLETE("explored exhaustively"),
    STATE_BOUND("the bound on distinct states was hit"),
    DEPTH_BOUND("the bound on depth was hit"),
    HEAP_BOUND("the state graph would outgrow the heap");

    private final String text;

    Stop(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  final ModelScenario scenario;
  final TransitionSystem sys;
  final Layout layout;
  final StateStore store;
  final int[] parent;
  final int[] parentStep;
  final int[] edgeStart;
  final int[] edgeTarget;
  final int[] edgeStep;
  final Stop stop;
  final Search search;
  final int depth;
  final long transitions;
  final long nanos;

  Exploration(ModelScenario scenario, TransitionSystem sys, Layout layout, StateStore store, int[] parent,
      int[] parentStep, int[] edgeStart, int[] edgeTarget, int[] edgeStep, Stop stop, Search search, int depth,
      long transitions, long nanos) {
    this.scenario = scenario;
    this.sys = sys;
    this.layout = layout;
    this.store = store;
    this.parent = parent;
    this.parentStep = parentStep;
    this.edgeStart = edgeStart;
    this.edgeTarget = edgeTarget;
    this.edgeStep = edgeStep;
    this.stop = stop;
    this.search = search;
    this.depth = depth;
    this.transitions = transitions;
    this.nanos = nanos;
  }

  public ModelScenario scenario() {
    return scenario;
  }

  /** Distinct states stored (orbit representatives under a symmetry). */
  public int states() {
    return store.size();
  }

  /** States generated as successors, revisits included. */
  public long transitions() {
    return transitions;
  }

  public long nanos() {
    return nanos;
  }

  /** False when a bound stopped the exploration: verdicts must then say unknown. */
  public boolean complete() {
    return stop == Stop.COMPLETE;
  }

  public Stop stop() {
    return stop;
  }

  public Search search() {
    return search;
  }

  /** The BFS level the exploration reached: every state of a lower depth was expanded. */
  public int depth() {
    return depth;
  }

  /** The symmetry the graph is the quotient of. */
  public Symmetry symmetry() {
    return sys.symmetry();
  }

  /**
   * What was explored and, when a bound stopped it, what was not covered: one sentence for the
   * user, e.g. "stopped: the bound on distinct states was hit (5000000): 5000004 states, 1234567
   * expanded, every path of up to 41 steps explored, 3765437 states found but not expanded".
   */
  public String coverage() {
    String what = String.format(Locale.ROOT, "%d states, %d expanded", states(), expanded());
    if (!symmetry().trivial()) what += ", one per orbit of " + symmetry().classNames(scenario);
    if (complete()) return "explored exhaustively: " + what;
    String bound = switch (stop) {
      case STATE_BOUND -> " (--max-states " + search.maxStates() + ")";
      case DEPTH_BOUND -> " (--max-depth " + search.maxDepth() + ")";
      case HEAP_BOUND -> String.format(Locale.ROOT, " (%d MiB of %d MiB max heap)",
          bytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      default -> "";
    };
    return String.format(Locale.ROOT, "stopped: %s%s: %s; every run of fewer than %d steps was explored, %d states"
        + " found were not expanded: outcomes reached only through them are not covered", stop.text(), bound, what,
        depth, states() - expanded());
  }

  /** States whose successors were computed (all of them when complete). */
  public int expanded() {
    return edgeStart.length - 1;
  }

  public int edgesFrom(int id) {
    return edgeStart[id];
  }

  public int edgesTo(int id) {
    return edgeStart[id + 1];
  }

  public int edgeTarget(int e) {
    return edgeTarget[e];
  }

  public int edgeStep(int e) {
    return edgeStep[e];
  }

  public boolean terminal(int id) {
    return id < expanded() && edgeStart[id] == edgeStart[id + 1];
  }

  public int parent(int id) {
    return parent[id];
  }

  public int parentStep(int id) {
    return parentStep[id];
  }

  public State state(int id) {
    State s = new State(layout);
    store.read(id, s);
    return s;
  }

  public void read(int id, State into) {
    store.read(id, into);
  }

  public State newState() {
    return new State(layout);
  }

  /** Approximate heap held by this graph. */
  public long bytes() {
    return store.bytes() + 4L * (parent.length + parentStep.length + edgeStart.length
        + edgeTarget.length + edgeStep.length);
  }

  // ------------------------------------------------------------------ real traces

  /** A path turned into a real trace: (source state id, step with real task indices), and the frame it ends in. */
  public record Real(List<int[]> steps, int[] frame) {}

  /** The identity frame: the initial state is its own representative. */
  public int[] identityFrame() {
    return Symmetry.identity(layout.tasks);
  }

  /**
   * Turns a path of the graph, (source id, step) pairs ending in state {@code last}, into a real
   * trace starting in frame {@code start} (stored index -> real index of the path's first state).
   * Each step's tasks are renamed through the frame of its source; the frame then follows the
   * permutation that made the step's successor the stored representative (found again by
   * expanding the source: the canonical form is deterministic). Starting the initial state in
   * another frame than the identity renames the whole trace, which is again a real trace: the
   * initial state is symmetric.
   */
  public Real realize(List<int[]> path, int last, int[] start) {
    int[] frame = start.clone();
    if (symmetry().trivial()) return new Real(path, frame);
    List<int[]> out = new ArrayList<>(path.size());
    int words = layout.words();
    long[] target = new long[words];
    long[] buf = new long[words];
    State src = new State(layout);
    State canon = new State(layout);
    int[] perm = new int[layout.tasks];
    int[] found = new int[layout.tasks];
    Symmetry.Scratch scratch = new Symmetry.Scratch(layout);
    Successors succ = new Successors(layout);
    for (int i = 0; i < path.size(); i++) {
      int from = path.get(i)[0];
      int step = path.get(i)[1];
      int to = i + 1 < path.size() ? path.get(i + 1)[0] : last;
      System.arraycopy(store.arena(), to * words, target, 0, words);
      store.read(from, src);
      boolean[] hit = {false};
      succ.reset(src, (n, st) -> {
        if (hit[0] || st != step) return;
        canon.copyFrom(n);
        symmetry().canonicalize(canon, perm, scratch);
        canon.pack(buf, 0);
        if (Arrays.equals(buf, target)) {
          hit[0] = true;
          System.arraycopy(perm, 0, found, 0, perm.length);
        }
      });
      sys.expand(src, succ);
      if (!hit[0]) throw new IllegalStateException("no step " + step + " from state " + from + " to " + to);
      out.add(new int[] {from, relabel(step, frame)});
      int[] next = new int[frame.length];
      for (int j = 0; j < next.length; j++) next[j] = frame[found[j]];
      frame = next;
    }
    return new Real(out, frame);
  }

  /**
   * Runs a real trace ({@link #realize}'s steps, real task indices) in {@code system} (this
   * exploration's system or the same design without any reduction, same layout) from the
   * initial state: each step must be one the real state enables, and its successor must stand
   * for the trace's next stored state. Returns the real state the trace ends in;
   * IllegalStateException when the trace is not a run of the system.
   */
  public State replay(TransitionSystem system, List<int[]> steps, int last) {
    Symmetry sym = symmetry();
    Symmetry.Scratch scratch = new Symmetry.Scratch(layout);
    int[] perm = new int[layout.tasks];
    int words = layout.words();
    long[] buf = new long[words];
    long[] target = new long[words];
    State cur = new State(layout);
    system.initial(cur);
    State next = new State(layout);
    State canon = new State(layout);
    Successors succ = new Successors(layout);
    for (int i = 0; i < steps.size(); i++) {
      int step = steps.get(i)[1];
      int to = i + 1 < steps.size() ? steps.get(i + 1)[0] : last;
      System.arraycopy(store.arena(), to * words, target, 0, words);
      boolean[] hit = {false};
      succ.reset(cur, (n, st) -> {
        if (hit[0] || st != step) return;
        canon.copyFrom(n);
        sym.canonicalize(canon, perm, scratch);
        canon.pack(buf, 0);
        if (Arrays.equals(buf, target)) {
          hit[0] = true;
          next.copyFrom(n);
        }
      });
      system.expand(cur, succ);
      if (!hit[0]) {
        throw new IllegalStateException("step " + (i + 1) + " (" + Step.format(scenario, step)
            + ") is not a step of the real state");
      }
      cur.copyFrom(next);
    }
    return cur;
  }

  /** The step with its task arguments renamed through {@code frame}. */
  public static int relabel(int step, int[] frame) {
    int t = Step.task(step);
    int b = Step.b(step);
    int r = step;
    if (t < frame.length) r = (r & ~(63 << 8)) | frame[t] << 8;
    if (Step.op(step).template().contains("{v}") && b < frame.length) r = (r & ~(63 << 20)) | frame[b] << 20;
    return r;
  }
}
