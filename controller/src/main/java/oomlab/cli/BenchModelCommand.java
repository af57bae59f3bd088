package oomlab.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import oomlab.controller.bench.ModelBench;
import oomlab.controller.bench.ScaledModelBench;
import oomlab.model.design.Designs;
import oomlab.model.explore.ModelScenario;
import oomlab.model.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oomlab bench model [--out DIR]}: explorer throughput against a naive visited set. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
        "Explores every shipped scenario (scenarios/basic, scenarios/v2) and two synthetic races under",
        "every design: states, distinct states, states/s on one core, the state graph's heap, beside",
        "the same exploration with a naive HashMap<List<Integer>> visited set (baseline). Then the",
        "scaled part: scenarios/scale (5, 8, 12 tasks) with and without the symmetry reduction, on 1 and",
        "2 threads: distinct states, states, outcomes, wall and CPU time, graph and live heap."},
    footer = {"", "Examples:", "  oomlab bench model", "  oomlab bench model --out /tmp/bench",
        "  oomlab bench model --cases scaled --scaled-designs mainline-6.1"})
public final class BenchModelCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", converter = OptionValues.OutDir.class, description = "Also write bench-model.json and bench-model.txt there.")
  Path out;

  @Option(names = "--scenarios", paramLabel = "DIR",
      description = "Scenario root holding basic/ and v2/ (default: $OOMLAB_HOME/scenarios, else ./scenarios).")
  Path scenarios;

  @Option(names = "--cases", paramLabel = "LIST", split = ",", defaultValue = "shipped,scaled",
      description = "Which parts to run: shipped (shipped and synthetic scenarios, every design, one core) and/or scaled "
          + "(scenarios/scale: 5, 8, 12 tasks, with and without symmetry, 1 and 2 threads). Default: both.")
  List<String> cases;

  @Option(names = "--scaled-designs", paramLabel = "LIST", split = ",", defaultValue = "mainline-6.1,hocko2018",
      description = "Designs of the scaled part (default: ${DEFAULT-VALUE}).")
  List<String> scaledDesigns;

  @Option(names = "--unreduced-max-states", paramLabel = "N", converter = OptionValues.MaxStates.class,
      defaultValue = "2000000", description = "State bound of the scaled part without symmetry (default ${DEFAULT-VALUE}).")
  long unreducedMaxStates;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    Path root = scenarios != null ? scenarios : defaultRoot();
    for (String c : cases) {
      if (!c.equals("shipped") && !c.equals("scaled")) {
        spec.commandLine().getErr().println("oomlab bench model: --cases: unknown part " + c + " (known: shipped, scaled)");
        return Oomlab.EXIT_BAD_INPUT;
      }
    }
    for (String d : scaledDesigns) {
      if (!Designs.exists(d)) {
        spec.commandLine().getErr().println("oomlab bench model: --scaled-designs: unknown design " + d
            + " (known: " + Designs.known() + ")");
        return Oomlab.EXIT_BAD_INPUT;
      }
    }
    List<ModelScenario> list = new ArrayList<>();
    List<ModelScenario> scaled;
    try {
      if (cases.contains("shipped")) list.addAll(ModelBench.shipped(root));
      scaled = cases.contains("scaled") ? ScaledModelBench.scenarios(root) : List.of();
    } catch (ScenarioException e) {
      spec.commandLine().getErr().println("oomlab bench model: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    StringBuilder b = new StringBuilder();
    List<Object> json = new ArrayList<>();
    if (cases.contains("shipped")) shipped(list, b, json);
    if (cases.contains("scaled")) scaled(scaled, b, json);
    w.print(b);
    w.flush();
    if (out != null) {
      Files.createDirectories(out);
      Files.writeString(out.resolve("bench-model.txt"), b.toString());
      var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      Files.writeString(out.resolve("bench-model.json"), mapper.writeValueAsString(json) + "\n");
    }
    return Oomlab.EXIT_OK;
  }

  private void scaled(List<ModelScenario> scaled, StringBuilder b, List<Object> json) {
    double load0 = ScaledModelBench.load();
    var rows = ScaledModelBench.run(scaled, scaledDesigns, ScaledModelBench.MAX_STATES, unreducedMaxStates);
    b.append(String.format(Locale.ROOT, "%nscaled: scenarios/scale with and without symmetry, 1 and 2 threads (load average "
        + "%.1f before, %.1f after, %d processors)%n", load0, ScaledModelBench.load(), Runtime.getRuntime().availableProcessors()));
    b.append(String.format(Locale.ROOT, "%-26s %5s %-14s %-4s %7s %9s %10s %8s %8s %8s %9s %9s  %s%n", "scenario", "tasks",
        "design", "sym", "threads", "distinct", "states", "outcomes", "wall s", "cpu s", "graph MiB", "heap MiB", "end"));
    for (var r : rows) {
      b.append(String.format(Locale.ROOT, "%-26s %5d %-14s %-4s %7d %9d %10d %8d %8.2f %8.2f %9d %9d  %s%n", r.scenario(),
          r.tasks(), r.design(), r.symmetry() ? "yes" : "no", r.threads(), r.distinct(), r.transitions(), r.outcomes(),
          r.wallSeconds(), r.cpuSeconds(), r.graphBytes() >> 20, r.liveHeapBytes() >> 20, r.stop()));
    }
    b.append(String.format(Locale.ROOT, "wall s: the exploration alone, wall-clock; cpu s: the process's CPU time meanwhile;"
        + " with symmetry bound %d states, without %d; max heap %d MiB%n", ScaledModelBench.MAX_STATES,
        unreducedMaxStates, Runtime.getRuntime().maxMemory() >> 20));
    json.add(rows);
  }

  private void shipped(List<ModelScenario> list, StringBuilder b, List<Object> json) {
    int shipped = list.size();
    list.addAll(ModelBench.synthetic());
    var report = ModelBench.run(list.subList(0, shipped));
    var extra = ModelBench.run(list.subList(shipped, list.size()));
    List<ModelBench.Row> rows = new ArrayList<>(report.rows());
    rows.addAll(extra.rows());
    b.append(String.format(Locale.ROOT, "cold pass: %d explorations (%d shipped scenarios x designs), %d states, %.2f s "
        + "(JIT warm-up included)%n", report.coldPassExplorations(), shipped, report.coldPassStates(), report.coldPassSeconds()));
    b.append(String.format(Locale.ROOT, "%-34s %-18s %9s %10s %13s %13s %7s %9s%n", "scenario", "design", "distinct",
        "states", "states/s", "baseline/s", "speedup", "graph KiB"));
    double minRate = Double.MAX_VALUE;
    long maxGraph = 0;
    for (var r : rows) {
      b.append(String.format(Locale.ROOT, "%-34s %-18s %9d %10d %13.0f %13.0f %6.1fx %9d%s%n", r.scenario(), r.design(),
          r.distinct(), r.transitions(), r.statesPerSecond(), r.baselineStatesPerSecond(),
          r.statesPerSecond() / r.baselineStatesPerSecond(), r.graphBytes() / 1024, r.complete() ? "" : " (bound hit)"));
      minRate = Math.min(minRate, r.statesPerSecond());
      maxGraph = Math.max(maxGraph, r.graphBytes());
    }
    b.append(String.format(Locale.ROOT, "slowest rate %.0f states/s; largest state graph %d KiB; live heap after GC "
        + "with it held %d MiB (max heap %d MiB)%n", minRate, maxGraph / 1024,
        Math.max(report.liveHeapBytes(), extra.liveHeapBytes()) >> 20, Runtime.getRuntime().maxMemory() >> 20));
    b.append("states/s in this thread's CPU time (one core), after a warm-up; states = successors generated "
        + "(revisits included); distinct = states stored; baseline = NaiveExplorer (HashMap<List<Integer>> visited set)\n");
    json.add(report);
    json.add(extra);
  }

  private static Path defaultRoot() {
    String home = System.getenv("OOMLAB_HOME");
    if (home != null && Files.isDirectory(Path.of(home, "scenarios"))) return Path.of(home, "scenarios");
    return Path.of("scenarios");
  }
}
