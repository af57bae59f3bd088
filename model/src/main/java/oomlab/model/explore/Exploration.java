package oomlab.model.explore;

/**
 * The explored state graph: every distinct reachable state (up to the bound), the BFS parent
 * pointers (shortest traces), and all edges with their step labels.
 */
public final class Exploration {
  final ModelScenario scenario;
  final Layout layout;
  final StateStore store;
  final int[] parent;
  final int[] parentStep;
  final int[] edgeStart;
  final int[] edgeTarget;
  final int[] edgeStep;
  final boolean complete;
  final long transitions;
  final long nanos;

  Exploration(ModelScenario scenario, Layout layout, StateStore store, int[] parent, int[] parentStep,
      int[] edgeStart, int[] edgeTarget, int[] edgeStep, boolean complete, long transitions, long nanos) {
    this.scenario = scenario;
    this.layout = layout;
    this.store = store;
    this.parent = parent;
    this.parentStep = parentStep;
    this.edgeStart = edgeStart;
    this.edgeTarget = edgeTarget;
    this.edgeStep = edgeStep;
    this.complete = complete;
    this.transitions = transitions;
    this.nanos = nanos;
  }

  public ModelScenario scenario() {
    return scenario;
  }

  /** Distinct states stored. */
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

  /** False when the state bound stopped the exploration: verdicts must then say unknown. */
  public boolean complete() {
    return complete;
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
}
