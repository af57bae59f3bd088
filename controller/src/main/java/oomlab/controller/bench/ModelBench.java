package oomlab.controller.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oomlab.model.design.Designs;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.explore.NaiveExplorer;
import oomlab.model.scenario.CgroupMode;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioException;
import oomlab.model.scenario.ScenarioLoader;

/**
 * {@code oomlab bench model}: how fast the explorer is, beside a baseline measured in the same run
 * ({@link NaiveExplorer}: the same BFS with a {@code HashMap<List<Integer>, Integer>} visited set).
 * Explorations are single-threaded and timed in this thread's CPU time, so states/s is per core
 * and does not depend on what else the machine runs. Two parts: one cold pass over every
 * shipped scenario under every design (the "all of scenarios/basic in under 10 s" figure, JIT
 * warm-up included), then per scenario and design the steady rate, each exploration repeated
 * until at least {@link #MIN_NANOS} of work has been timed.
 */
public final class ModelBench {
  static final long MIN_NANOS = 50_000_000L;
  private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  static final long MAX_STATES = 5_000_000;

  /** One measured scenario under one design. */
  public record Row(String scenario, String design, int distinct, long transitions, double statesPerSecond,
      double baselineStatesPerSecond, long graphBytes, boolean complete) {}

  /**
   * Everything measured. {@code liveHeapBytes}: heap in use after a full GC while the largest
   * state graph of the run is still referenced.
   */
  public record Report(double coldPassSeconds, int coldPassExplorations, long coldPassStates,
      List<Row> rows, long liveHeapBytes) {}

  public static List<ModelScenario> shipped(Path scenariosDir) throws ScenarioException {
    List<ModelScenario> out = new ArrayList<>();
    for (String suite : List.of("basic", "v2")) {
      Path dir = scenariosDir.resolve(suite);
      if (!dir.toFile().isDirectory()) continue;
      for (Scenario sc : ScenarioLoader.loadSuite(dir)) {
        CgroupVersion v = sc.cgroupMode() == CgroupMode.V2 ? CgroupVersion.V2 : CgroupVersion.V1;
        out.add(ModelScenarios.from(sc, v));
      }
    }
    return out;
  }

  /** Races the shipped scenarios do not have (they start tasks one after another). */
  public static List<ModelScenario> synthetic() {
    return List.of(
        ModelScenario.builder("race-4-tasks-1-memcg").memcg("A", 12)
            .task("t1", "A", 4, 0).task("t2", "A", 4, 0).task("t3", "A", 4, 0).task("t4", "A", 4, 0)
            .nearTie(1).build(),
        ModelScenario.builder("race-3x3-mlock").memcg("P", 12).memcg("P/a", 8).memcg("P/b", 8)
            .task("t1", "P/a", 6, 0, ModelScenario.Mode.MLOCK, null, 0).task("t2", "P/a", 6, 0)
            .task("t3", "P/b", 6, 0).nearTie(1).build());
  }

  public static Report run(List<ModelScenario> scenarios) {
    long t0 = CPU.getCurrentThreadCpuTime();
    int n = 0;
    long states = 0;
    for (ModelScenario sc : scenarios) {
      for (String d : Designs.names()) {
        Exploration ex = Explorer.explore(sc, Designs.create(d, sc), MAX_STATES);
        states += ex.transitions();
        n++;
      }
    }
    double cold = (CPU.getCurrentThreadCpuTime() - t0) / 1e9;
    // Warm-up, not timed: let the JIT compile every design's paths, and the timing loops
    // themselves, before the steady rates are measured.
    for (int i = 0; i < 5; i++) {
      for (ModelScenario sc : scenarios) {
        for (String d : Designs.names()) Explorer.explore(sc, Designs.create(d, sc), MAX_STATES);
      }
    }
    for (ModelScenario sc : scenarios) {
      for (String d : Designs.names()) measure(sc, d);
    }
    List<Row> rows = new ArrayList<>();
    Exploration largest = null;
    for (ModelScenario sc : scenarios) {
      for (String d : Designs.names()) {
        rows.add(measure(sc, d));
        Exploration ex = Explorer.explore(sc, Designs.create(d, sc), MAX_STATES);
        if (largest == null || ex.bytes() > largest.bytes()) largest = ex;
      }
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long live = rt.totalMemory() - rt.freeMemory();
    java.lang.ref.Reference.reachabilityFence(largest);
    return new Report(cold, n, states, rows, live);
  }

  static Row measure(ModelScenario sc, String design) {
    MemcgModel model = Designs.create(design, sc);
    Exploration first = Explorer.explore(sc, model, MAX_STATES);
    long trans = 0;
    long c0 = CPU.getCurrentThreadCpuTime();
    long nanos = 0;
    while (nanos < MIN_NANOS) {
      Exploration ex = Explorer.explore(sc, model, MAX_STATES);
      trans += ex.transitions();
      nanos = CPU.getCurrentThreadCpuTime() - c0;
    }
    long btrans = 0;
    long b0 = CPU.getCurrentThreadCpuTime();
    long bnanos = 0;
    while (bnanos < MIN_NANOS) {
      NaiveExplorer.Result r = NaiveExplorer.explore(model, MAX_STATES);
      btrans += r.transitions();
      bnanos = CPU.getCurrentThreadCpuTime() - b0;
    }
    return new Row(sc.name(), design, first.states(), first.transitions(), trans / (nanos / 1e9),
        btrans / (bnanos / 1e9), first.bytes(), first.complete());
  }

}
