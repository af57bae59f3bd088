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
        "the same exploration with a naive HashMap<List<Integer>> visited set (baseline)."},
    footer = {"", "Examples:", "  oomlab bench model", "  oomlab bench model --out /tmp/bench"})
public final class BenchModelCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", converter = OptionValues.OutDir.class, description = "Also write bench-model.json and bench-model.txt there.")
  Path out;

  @Option(names = "--scenarios", paramLabel = "DIR",
      description = "Scenario root holding basic/ and v2/ (default: $OOMLAB_HOME/scenarios, else ./scenarios).")
  Path scenarios;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    Path root = scenarios != null ? scenarios : defaultRoot();
    List<ModelScenario> list = new ArrayList<>();
    try {
      list.addAll(ModelBench.shipped(root));
    } catch (ScenarioException e) {
      spec.commandLine().getErr().println("oomlab bench model: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    int shipped = list.size();
    list.addAll(ModelBench.synthetic());
    var report = ModelBench.run(list.subList(0, shipped));
    var extra = ModelBench.run(list.subList(shipped, list.size()));
    List<ModelBench.Row> rows = new ArrayList<>(report.rows());
    rows.addAll(extra.rows());
    StringBuilder b = new StringBuilder();
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
    w.print(b);
    w.flush();
    if (out != null) {
      Files.createDirectories(out);
      Files.writeString(out.resolve("bench-model.txt"), b.toString());
      var json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      Files.writeString(out.resolve("bench-model.json"), json.writeValueAsString(List.of(report, extra)) + "\n");
    }
    return Oomlab.EXIT_OK;
  }

  private static Path defaultRoot() {
    String home = System.getenv("OOMLAB_HOME");
    if (home != null && Files.isDirectory(Path.of(home, "scenarios"))) return Path.of(home, "scenarios");
    return Path.of("scenarios");
  }
}
