package oomlab.model.explore;

/**
 * What the explorer explores: a state layout, an initial state and the enabled steps of a state.
 * {@link #expand} may run on several explorer threads at once: it keeps no state of its own.
 */
public interface TransitionSystem {
  Layout layout();

  /** Fills the initial state (all slots are zero on entry). */
  void initial(State s);

  /** Emits every enabled step of {@code s} through {@code out} ({@code s} must not be changed). */
  void expand(State s, Successors out);

  /** The interchangeable tasks of the system; the explorer stores one state per orbit. */
  default Symmetry symmetry() {
    return Symmetry.none();
  }
}
