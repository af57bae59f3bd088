package oomlab.model.explore;

/**
 * Where a design puts the successors of a state: {@link #next()} hands out a fresh copy of the
 * state being expanded, the design changes it and calls {@link #emit(int)} with the step label.
 */
public final class Successors {
  /** Receives each emitted successor. */
  public interface Sink {
    void accept(State next, int step);
  }

  private final State scratch;
  private State current;
  private Sink sink;
  private int emitted;

  public Successors(Layout layout) {
    this.scratch = new State(layout);
  }

  void reset(State current, Sink sink) {
    this.current = current;
    this.sink = sink;
    this.emitted = 0;
  }

  /** A copy of the state being expanded, to change into one successor. */
  public State next() {
    scratch.copyFrom(current);
    return scratch;
  }

  public void emit(int step) {
    emitted++;
    sink.accept(scratch, step);
  }

  public int emitted() {
    return emitted;
  }
}
