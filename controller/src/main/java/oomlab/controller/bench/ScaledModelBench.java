package oomlab.controller.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.design.Designs;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.explore.Search;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioException;
import oomlab.model.scenario.ScenarioLoader;

/**
 * The scaled part of {@code oomlab bench model}: the scenarios of {@code scenarios/scale} (5, 8
 * and 12 tasks) with and without the symmetry reduction, on 1 and 2 threads, side by side in one
 * run. Times are wall-clock (the parallel explorer's point) and the process's CPU time beside
 * them; the machine's load average is printed with them, since other jobs share the cores.
 */
public final class ScaledModelBench {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** State bound of the runs with symmetry: the Done-means scenarios finish well below it. */
  public static final long MAX_STATES = 4_000_000;

  private ScaledModelBench() {}

  /** One exploration. {@code liveHeapBytes}: heap in use after a GC with its graph still held. */
  public record Row(String scenario, int tasks, String design, boolean symmetry, int threads, int distinct,
      long transitions, int outcomes, double wallSeconds, double cpuSeconds, long graphBytes, long liveHeapBytes,
      String stop) {}

  public static List<ModelScenario> scenarios(Path scenariosDir) throws ScenarioException {
    List<ModelScenario> out = new ArrayList<>();
    Path dir = scenariosDir.resolve("scale");
    if (!dir.toFile().isDirectory()) return out;
    for (Scenario sc : ScenarioLoader.loadSuite(dir)) out.add(ModelScenarios.from(sc, CgroupVersion.V1));
    return out;
  }

  /**
   * Every scenario under every design in {@code designs}: with symmetry up to {@code maxStates},
   * without it up to {@code unreducedMaxStates} (a bound it is expected to hit), 1 and 2 threads.
   */
  public static List<Row> run(List<ModelScenario> scenarios, List<String> designs, long maxStates,
      long unreducedMaxStates) {
    // Warm-up, not measured: the JIT compiles the explorer and the designs' paths first.
    if (!scenarios.isEmpty()) {
      for (String d : designs) Explorer.explore(scenarios.get(0), Designs.create(d, scenarios.get(0)), 200_000);
    }
    List<Row> rows = new ArrayList<>();
    for (ModelScenario sc : scenarios) {
      for (String d : designs) {
        for (boolean sym : new boolean[] {true, false}) {
          for (int threads : new int[] {1, 2}) {
            rows.add(measure(sc, d, sym, threads, sym ? maxStates : unreducedMaxStates));
          }
        }
      }
    }
    return rows;
  }

  static Row measure(ModelScenario sc, String design, boolean sym, int threads, long maxStates) {
    MemcgModel model = Designs.create(design, sc);
    if (!sym) model.withoutSymmetry();
    System.gc();
    long cpu0 = OS.getProcessCpuTime();
    Exploration ex = Explorer.explore(sc, model, Search.of(maxStates).withThreads(threads));
    double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
    int outcomes = AllowedOutcomes.of(model, ex).entries().size();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long live = rt.totalMemory() - rt.freeMemory();
    java.lang.ref.Reference.reachabilityFence(ex);
    return new Row(sc.name(), sc.tasks().size(), design, sym, threads, ex.states(), ex.transitions(), outcomes,
        ex.nanos() / 1e9, cpu, ex.bytes(), live, ex.stop().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The one-minute load average, to print beside the figures. */
  public static double load() {
    return OS.getSystemLoadAverage();
  }
}
