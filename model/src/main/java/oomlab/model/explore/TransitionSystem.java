package oomlab.model.explore;

/** What the explorer explores: a state layout, an initial state and the enabled steps of a state. */
public interface TransitionSystem {
  Layout layout();

  /** Fills the initial state (all slots are zero on entry). */
  void initial(State s);

  /** Emits every enabled step of {@code s} through {@code out} ({@code s} must not be changed). */
  void expand(State s, Successors out);
}
