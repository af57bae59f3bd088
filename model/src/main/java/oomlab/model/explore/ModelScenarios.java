package oomlab.model.explore;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.CgroupSpec;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.HandlerAction;
import oomlab.model.scenario.HandlerTrigger;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.TaskSpec;

/**
 * Derives the model's input from a validated {@link Scenario}. The unit is the greatest common
 * divisor of the tasks' steps (every step is one charge of the model), doubled while a task would
 * need more than {@link #MAX_UNITS_PER_TASK} units; limits are rounded down to units,
 * allocations up. The near-tie tolerance of victim selection is the workload's baseline RSS
 * ({@link #BASELINE_RSS}), in units, at least one unit when the unit is smaller.
 *
 * <p>Abstracted away: {@code threads} (a task is one allocating context), {@code swap} (no swap
 * on the machines oomlab targets), v2 {@code memory.high} (throttling, never a kill).
 */
public final class ModelScenarios {
  /** RSS of the C workload before it allocates (binary, libc, stack): the near-tie tolerance. */
  public static final long BASELINE_RSS = 1L << 20;
  public static final int MAX_UNITS_PER_TASK = 256;
  private static final long PAGE = 4096;

  private ModelScenarios() {}

  public static ModelScenario from(Scenario sc, CgroupVersion version) {
    long unit = 0;
    for (TaskSpec t : sc.tasks()) unit = gcd(unit, Math.max(PAGE, t.step()));
    if (unit == 0) unit = TaskSpec.DEFAULT_STEP;
    unit = Math.max(PAGE, unit / PAGE * PAGE);
    long maxAlloc = 0;
    for (TaskSpec t : sc.tasks()) maxAlloc = Math.max(maxAlloc, t.allocate());
    while (ceil(maxAlloc, unit) > MAX_UNITS_PER_TASK) unit *= 2;

    var b = ModelScenario.builder(sc.name())
        .cgroupVersion(version == CgroupVersion.V2 ? 2 : 1)
        .pagesPerUnit(unit / PAGE)
        .nearTie((int) Math.max(1, BASELINE_RSS / unit));
    for (CgroupSpec c : sc.cgroups()) {
      int limit = c.limit().isPresent() ? limitUnits(c.limit().getAsLong(), unit) : ModelScenario.UNLIMITED;
      b.memcg(c.path(), limit, c.oomKillDisable(), c.oomGroup());
    }
    final long u = unit;
    for (TaskSpec t : sc.tasks()) {
      String after = t.start().map(s -> s.afterTask()).orElse(null);
      int afterUnits = t.start().map(s -> (int) ceil(s.allocated(), u)).orElse(0);
      b.task(t.name(), t.cgroup(), (int) ceil(t.allocate(), unit), t.oomScoreAdj(), mode(t.mode()),
          after, afterUnits);
    }
    for (TaskSpec t : sc.tasks()) t.shareMm().ifPresent(owner -> b.shareMm(t.name(), owner));
    for (var h : sc.handlers()) {
      ModelScenario.Action action;
      String target;
      int value;
      switch (h.action()) {
        case HandlerAction.RaiseLimit r -> {
          action = ModelScenario.Action.RAISE_LIMIT;
          target = r.cgroup();
          value = limitUnits(r.limit(), unit);
        }
        case HandlerAction.SetLimit r -> {
          action = ModelScenario.Action.SET_LIMIT;
          target = r.cgroup();
          value = limitUnits(r.limit(), unit);
        }
        case HandlerAction.Kill k -> {
          action = ModelScenario.Action.KILL;
          target = k.task();
          value = 0;
        }
        case HandlerAction.Move m -> {
          action = ModelScenario.Action.MOVE;
          target = m.task();
          value = indexOf(sc, m.cgroup());
        }
        case HandlerAction.EnableOomKiller e -> {
          action = ModelScenario.Action.OOM_KILL_DISABLE_OFF;
          target = e.cgroup();
          value = 0;
        }
      }
      switch (h.on()) {
        case HandlerTrigger.Oom o -> b.handler(o.cgroup(), action, target, value);
        case HandlerTrigger.After a -> b.handlerAfter(a.task(), (int) ceil(a.allocated(), unit), action, target, value);
      }
    }
    return b.build();
  }

  /** A limit in units, rounded down like the scenario's limits (a set-limit may round to 0). */
  private static int limitUnits(long bytes, long unit) {
    return (int) Math.min(ModelScenario.UNLIMITED - 1, bytes / unit);
  }

  private static int indexOf(Scenario sc, String path) {
    List<String> paths = new ArrayList<>();
    for (CgroupSpec c : sc.cgroups()) paths.add(c.path());
    return paths.indexOf(path);
  }

  private static ModelScenario.Mode mode(AllocationMode m) {
    return switch (m) {
      case TOUCH -> ModelScenario.Mode.TOUCH;
      case POPULATE -> ModelScenario.Mode.POPULATE;
      case MLOCK -> ModelScenario.Mode.MLOCK;
      case TMPFS -> ModelScenario.Mode.TMPFS;
    };
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
