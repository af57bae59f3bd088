package oomlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.bindings.HostFacts;
import oomlab.controller.format.ResultFormat;
import oomlab.controller.format.RunResults;
import oomlab.controller.matrix.CellRunner;
import java.util.Map;
import java.util.TreeMap;
import oomlab.controller.matrix.MatrixCell;
import oomlab.controller.matrix.MatrixExit;
import oomlab.controller.matrix.MatrixSummary;
import oomlab.controller.matrix.Shard;
import oomlab.controller.matrix.ShardMerge;
import oomlab.controller.matrix.SlurmArray;
import oomlab.controller.matrix.WorkItem;
import oomlab.controller.matrix.MatrixJobs;
import oomlab.controller.matrix.MatrixOutput;
import oomlab.controller.vm.CgroupMode;
import oomlab.controller.vm.GuestException;
import oomlab.controller.vm.Guests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code oomlab matrix SUITE --kernels local,5.10,6.1,6.12,7.2 --cgroup v1,v2}: the same suite on
 * every kernel and hierarchy, one {@code oomlab run} per cell (one boot per guest cell), then a
 * table of outcomes and verdicts. Cells a kernel cannot offer (v1 memory on 6.12 and later, a
 * hierarchy without memory on this machine) are shown as n/a with the reason.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
    description = "Run a suite on several kernels and cgroup versions and print a table of outcomes and verdicts per cell.",
    footer = {"", "Example:", "  oomlab matrix scenarios/basic --kernels local,5.10,6.1,6.12,7.2 --cgroup v1,v2",
        "  oomlab matrix scenarios/basic --kernels 6.1 --cgroup v1,v2 --jobs 2 --format ktap,junit,kcidb",
        "  oomlab matrix scenarios/basic --kernels 5.10,6.1,6.12,7.2 --cgroup v1,v2 --executor slurm --shards 8",
        "", "Writes <out>/<kernel>-<cgroup>/ (as oomlab run does), <out>/matrix.txt and <out>/summary.json.",
        "Exit codes: 0 done, 1 an expect: failed in some cell, 3 a cell could not run, 4 a guest panicked, 5 a timeout,",
        "6 a kernel reported a problem about itself (see oomlab run --help)."})
public final class MatrixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SUITE", arity = "1..*", description = "Scenario YAML files or suite directories.")
  List<Path> inputs;

  @Option(names = "--kernels", split = ",", defaultValue = "local,5.10,6.1,6.12,7.2", description = "Default: ${DEFAULT-VALUE}.")
  List<String> kernels;

  @Option(names = "--cgroup", split = ",", defaultValue = "v1,v2", description = "Default: ${DEFAULT-VALUE}.")
  List<String> cgroups;

  @Option(names = "--out", paramLabel = "DIR", converter = OptionValues.OutDir.class, description = "Results directory (default: ./oomlab-results/matrix-<timestamp>).")
  Path out;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT[,FORMAT...]",
      description = "text (the table), json (summary.json), ktap (one suite per cell), junit, kcidb. The first is printed;"
          + " each is also written to the results directory. Default: text.")
  List<String> formats;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Cells run at once (default: as many TCG guests as this machine's idle CPUs and available memory allow). The"
          + " results are those of --jobs 1.")
  Integer jobs;

  @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", converter = OptionValues.Repeat.class,
      description = "Runs per scenario and cell; the table gives the era design's conformance per cell (runs conforming / runs)."
          + " Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Option(names = "--shard", paramLabel = "K/N",
      description = "Run only the K-th of N deterministic slices of the (cell, scenario, repetition) list (also from OOMLAB_SHARD=K/N,"
          + " or JOB_COMPLETION_INDEX with OOMLAB_SHARDS=N); join the shards' directories with oomlab merge.")
  String shard;

  @Option(names = "--executor", defaultValue = "local", paramLabel = "local|slurm",
      description = "local: run the cells here; slurm: submit --shards N shards as one Slurm job array (sbatch --array, the cluster"
          + " SLURM_CONF names), wait for it, and merge the shards. Default: ${DEFAULT-VALUE}.")
  String executor;

  @Option(names = "--shards", paramLabel = "N", description = "With --executor slurm: the job array's size (default: the cells that run).")
  Integer shards;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<ResultFormat> asked;
    Shard slice;
    try {
      asked = ResultFormat.parse(formats != null ? formats : List.of("text"));
      slice = shard != null ? Shard.parse(shard) : Shard.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      stderr.println("oomlab matrix: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    if (jobs != null && jobs < 1) {
      stderr.println("oomlab matrix: --jobs must be at least 1, got " + jobs);
      return Oomlab.EXIT_BAD_INPUT;
    }
    if (repeat < 1) {
      stderr.println("oomlab matrix: --repeat must be at least 1, got " + repeat);
      return Oomlab.EXIT_BAD_INPUT;
    }
    if (!executor.equals("local") && !executor.equals("slurm")) {
      stderr.println("oomlab matrix: --executor " + executor + ": use local or slurm");
      return Oomlab.EXIT_BAD_INPUT;
    }
    if (executor.equals("slurm") && (slice != null || (shards != null && shards < 1))) {
      stderr.println("oomlab matrix: --executor slurm makes the shards itself: " + (slice != null ? "no --shard" : "--shards must be at least 1"));
      return Oomlab.EXIT_BAD_INPUT;
    }
    Path dir = out != null ? out : Path.of("oomlab-results", "matrix-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    List<MatrixCell> cells = new ArrayList<>();
    for (String k : kernels) {
      for (String c : cgroups) {
        CgroupMode.parse(c);
        cells.add(new MatrixCell(k, c, dir.resolve(k.replaceAll("[^A-Za-z0-9_.+-]", "_") + "-" + c), -1, null));
      }
    }
    List<oomlab.model.scenario.Scenario> scenarios;
    try {
      scenarios = oomlab.model.scenario.ScenarioLoader.loadAll(inputs);
    } catch (oomlab.model.scenario.ScenarioException e) {
      stderr.println("oomlab matrix: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    Files.createDirectories(dir);
    List<MatrixCell> planned = new ArrayList<>();
    for (MatrixCell cell : cells) {
      String skip = noScenarioFor(scenarios, cell.cgroup());
      if (skip == null) skip = inapplicable(cell);
      planned.add(skip != null ? cell.skip(skip) : cell);
    }
    List<String> names = scenarios.stream().map(oomlab.model.scenario.Scenario::name).toList();
    if (executor.equals("slurm")) {
      int n = shards != null ? shards : (int) Math.max(1, planned.stream().filter(c -> c.skipped() == null).count());
      return slurm(dir, n, asked, stdout, stderr);
    }
    List<WorkItem> items = WorkItem.of(planned, names, repeat);
    List<WorkItem> mine = slice == null ? items : slice.slice(items);
    Map<Integer, List<String>> selectByCell = new TreeMap<>();
    mine.forEach(w -> selectByCell.computeIfAbsent(w.cell(), c -> new ArrayList<>()).add(w.select()));
    // A shard runs the cells its slice touches, each with only its repetitions; the others are another shard's.
    List<MatrixCell> toRun = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      MatrixCell c = planned.get(i);
      toRun.add(c.skipped() != null || selectByCell.containsKey(i) ? c : c.skip(NOT_IN_SHARD));
    }
    int n = jobs != null ? jobs : MatrixJobs.defaultJobs();
    Map<Path, List<String>> selectByDir = new java.util.HashMap<>();
    selectByCell.forEach((i, select) -> selectByDir.put(planned.get(i).out(), select));
    List<MatrixCell> ran = new CellRunner(n, stderr).run(toRun,
        cell -> runCell(cell, slice == null ? null : selectByDir.get(cell.out()), stderr));
    List<MatrixCell> done = new ArrayList<>();
    List<MatrixSummary.Cell> summaryCells = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      MatrixCell c = ran.get(i);
      boolean other = NOT_IN_SHARD.equals(c.skipped());
      MatrixCell cell = other ? planned.get(i) : c;
      done.add(cell);
      Integer shardItems = slice == null || planned.get(i).skipped() != null ? null : selectByCell.getOrDefault(i, List.of()).size();
      summaryCells.add(new MatrixSummary.Cell(cell.kernel(), cell.cgroup(), dir.relativize(cell.out()).toString(), cell.exitCode(),
          cell.skipped(), shardItems));
    }
    int exit = MatrixExit.of(done);
    HostFacts host = HostFacts.ofThisHost();
    MatrixSummary summary = new MatrixSummary("oomlab matrix", RunResults.runId(dir), MatrixSummary.plan(planned, names, repeat,
        slice == null ? 1 : slice.count()), slice == null ? null : slice.label(), repeat, exit, host.asMap(), summaryCells);
    String text = MatrixOutput.write(dir, summary, done, asked, host);
    MatrixOutput.print(stdout, text, asked.getFirst(), dir);
    return exit;
  }

  /** Submits the shards as a Slurm job array, waits, merges them into {@code dir}. */
  private int slurm(Path dir, int n, List<ResultFormat> asked, PrintWriter stdout, PrintWriter stderr) throws IOException {
    List<String> args = new ArrayList<>();
    inputs.forEach(p -> args.add(p.toAbsolutePath().normalize().toString()));
    args.addAll(List.of("--kernels", String.join(",", kernels), "--cgroup", String.join(",", cgroups), "--repeat", Integer.toString(repeat)));
    int code;
    try {
      code = SlurmArray.submit(dir, n, args, stderr);
    } catch (IOException e) {
      stderr.println("oomlab matrix: " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    }
    List<Path> shardDirs = SlurmArray.shardDirs(dir, n);
    ShardMerge.Merged merged;
    try {
      merged = ShardMerge.merge(shardDirs, dir);
    } catch (ShardMerge.MergeException e) {
      stderr.println("oomlab matrix: the job array (sbatch exit " + code + ") left no complete set of shards: " + e.getMessage()
          + "; see " + dir.resolve("shards") + "/slurm-K.log");
      return Oomlab.EXIT_ENVIRONMENT;
    }
    String text = MatrixOutput.write(dir, merged.summary(), merged.cells(), asked, HostFacts.ofThisHost());
    MatrixOutput.print(stdout, text, asked.getFirst(), dir);
    return merged.summary().exitCode();
  }

  /** Marks, while cells run, a cell this shard leaves to another. */
  private static final String NOT_IN_SHARD = "\0another shard's cell";

  /** One {@code oomlab run} of the suite on the cell's target; its own lines go to the cell's run.log. */
  private int runCell(MatrixCell cell, List<String> select, PrintWriter stderr) throws IOException {
    List<String> args = new ArrayList<>(List.of("run"));
    inputs.forEach(p -> args.add(p.toString()));
    args.addAll(List.of("--target", cell.target(), "--cgroup", cell.cgroup(), "--out", cell.out().toString(),
        "--repeat", Integer.toString(repeat)));
    if (select != null) args.addAll(List.of("--select", String.join(",", select)));
    var cl = Oomlab.commandLine();
    StringWriter log = new StringWriter();
    cl.setOut(new PrintWriter(log));
    cl.setErr(new PrintWriter(log));
    int code = cl.execute(args.toArray(String[]::new));
    Files.createDirectories(cell.out());
    Files.writeString(cell.out().resolve("run.log"), log.toString());
    if (code > Oomlab.EXIT_EXPECT_FAILED) {
      stderr.println("oomlab matrix: " + cell.label() + " ended with exit " + code + ": " + lastLine(log.toString()));
    }
    return code;
  }

  /** Why a cell is not worth a boot, or null: every scenario is for the other hierarchy (cgroup: v2 on a v1 cell). */
  static String noScenarioFor(List<oomlab.model.scenario.Scenario> scenarios, String cgroup) {
    oomlab.model.scenario.CgroupVersion version = oomlab.model.scenario.CgroupVersion.parse(cgroup);
    List<String> refusals = scenarios.stream().map(s -> s.refusalOn(version)).flatMap(java.util.Optional::stream).toList();
    return refusals.size() < scenarios.size() ? null
        : "no scenario runs on " + cgroup + " (" + refusals.getFirst() + (scenarios.size() > 1 ? ", and so on" : "") + ")";
  }

  /** Why a cell cannot run at all, or null: no memory controller on that hierarchy. */
  static String inapplicable(MatrixCell cell) throws IOException {
    if (cell.kernel().equals("local")) {
      CgroupHierarchies h = CgroupHierarchies.detect();
      boolean has = cell.cgroup().equals("v1") ? h.v1Memory().isPresent() : h.cgroup2().isPresent() && h.cgroup2HasMemory();
      return has ? null : "this machine has no " + cell.cgroup() + " hierarchy with the memory controller";
    }
    try {
      Guests.checkCgroup(Guests.kernel(cell.kernel(), System.err), CgroupMode.parse(cell.cgroup()));
      return null;
    } catch (GuestException e) {
      return e.exitCode() == Oomlab.EXIT_BAD_INPUT ? e.getMessage() : null;
    }
  }

  /** Panic and timeout outrank an environment failure, which outranks a failed expectation. */
  static int worse(int a, int b) {
    return MatrixExit.worse(a, b);
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.getLast();
  }
}
