package oomlab.model.explore;

/**
 * How far and how an exploration goes: {@code maxStates} distinct states (the bound that makes an
 * answer unknown), {@code maxDepth} steps from the initial state (a bounded-depth search: states
 * at that depth are stored but not expanded; {@link #UNBOUNDED} for none), and {@code threads}
 * expanding states (1: the sequential explorer; more: the same graph, state for state, see
 * {@link Explorer}).
 */
public record Search(long maxStates, int maxDepth, int threads) {
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public Search {
    if (maxStates < 1) throw new IllegalArgumentException("maxStates must be >= 1");
    if (maxDepth < 0) throw new IllegalArgumentException("maxDepth must be >= 0");
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
  }

  /** Exhaustive up to {@code maxStates}, one thread. */
  public static Search of(long maxStates) {
    return new Search(maxStates, UNBOUNDED, 1);
  }

  public Search withThreads(int n) {
    return new Search(maxStates, maxDepth, n);
  }

  public Search withMaxDepth(int d) {
    return new Search(maxStates, d, threads);
  }
}
