package oomlab.model.check;

import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import oomlab.model.design.MemcgModel;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;

/**
 * The allowed outcome sets of one run: each (scenario, design, hierarchy) is explored once and
 * every repetition of the scenario is held against the same set. Only the sets of the scenario
 * last asked about are kept (a suite runs its scenarios one after another, every repetition of
 * one before the next), so memory stays that of one scenario's explorations, and they are held
 * softly: when the heap runs short (a guest's agent with several large state graphs) the JVM drops
 * them and a later repetition explores again. An exploration that threw throws again for the later
 * repetitions instead of being redone.
 */
public final class AllowedOutcomesCache {
  /** How a design is explored: {@link AllowedOutcomes#explore}, or a test's stand-in. */
  @FunctionalInterface
  public interface Explore {
    AllowedOutcomes allowed(MemcgModel model, long maxStates);
  }

  /** Explores on every call. */
  public static final AllowedOutcomesCache NONE = new AllowedOutcomesCache(false, AllowedOutcomes::explore);

  private record Key(String design, CgroupVersion version, long maxStates) {}

  private final boolean keep;
  private final Explore explore;
  private Scenario scenario;
  private final Map<Key, Object> sets = new HashMap<>();
  private int explorations;

  private AllowedOutcomesCache(boolean keep, Explore explore) {
    this.keep = keep;
    this.explore = explore;
  }

  /** A cache for one run. */
  public static AllowedOutcomesCache forRun() {
    return forRun(AllowedOutcomes::explore);
  }

  /** A cache for one run exploring with {@code explore}. */
  public static AllowedOutcomesCache forRun(Explore explore) {
    return new AllowedOutcomesCache(true, explore);
  }

  /** The allowed outcomes of {@code model} (built from {@code scenario} on {@code version}). */
  public synchronized AllowedOutcomes allowed(Scenario scenario, CgroupVersion version, MemcgModel model,
      long maxStates) {
    if (!keep) {
      explorations++;
      return explore.allowed(model, maxStates);
    }
    if (!scenario.equals(this.scenario)) {
      sets.clear();
      this.scenario = scenario;
    }
    Key key = new Key(model.name(), version, maxStates);
    Object held = sets.get(key);
    if (held instanceof RuntimeException e) throw e;
    AllowedOutcomes set = held instanceof SoftReference<?> ref ? (AllowedOutcomes) ref.get() : null;
    if (set == null) {
      explorations++;
      try {
        set = explore.allowed(model, maxStates);
      } catch (RuntimeException e) {
        sets.put(key, e);
        throw e;
      }
      sets.put(key, new SoftReference<>(set));
    }
    return set;
  }

  /** How many explorations ran (for tests and the run's phases). */
  public synchronized int explorations() {
    return explorations;
  }
}
