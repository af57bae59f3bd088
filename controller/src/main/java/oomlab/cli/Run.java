package oomlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import oomlab.agent.proc.MemInfo;
import oomlab.agent.run.LocalTarget;
import oomlab.agent.run.ModelVerdicts;
import oomlab.agent.run.PhaseTimer;
import oomlab.agent.run.Preflight;
import oomlab.agent.run.RunExit;
import oomlab.agent.run.RunSummary;
import oomlab.agent.run.SuiteRun;
import oomlab.agent.run.SuiteRun.ScenarioReport;
import oomlab.agent.stop.StopRequest;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.controller.vm.GuestStatusPort;
import oomlab.controller.vm.VmTarget;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Durations;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;

/**
 * The work of {@code oomlab run} (see {@link RunCommand} for the exit codes), given its options:
 * the host's picocli command calls it, and so does the agent in a guest, with options read from a
 * file and no command-line parser loaded (see {@link RunOptions}).
 */
public final class Run {
  private Run() {}

  /** Does the run {@code o} says, printing to {@code stdout} and {@code stderr}; returns the exit code. */
  public static int execute(RunOptions o, PrintWriter stdout, PrintWriter stderr) {
    return execute(o, oomlab.controller.vm.KernelFiles.NONE, stdout, stderr);
  }

  /** As {@link #execute(RunOptions, PrintWriter, PrintWriter)}, with {@code --modules}/{@code --kconfig} for a vm:IMAGE target. */
  public static int execute(RunOptions o, oomlab.controller.vm.KernelFiles kernelFiles, PrintWriter stdout, PrintWriter stderr) {
    PhaseTimer validation = new PhaseTimer();
    validation.start("validate");
    List<Scenario> scenarios;
    Map<String, Path> files = new HashMap<>();
    Duration settleTime;
    try {
      List<ScenarioLoader.Loaded> loaded = ScenarioLoader.loadAllWithFiles(o.inputs());
      loaded.forEach(l -> files.put(l.scenario().name(), l.file()));
      scenarios = loaded.stream().map(ScenarioLoader.Loaded::scenario).toList();
      settleTime = Durations.parse(o.settle());
      selection(o.select()); // a malformed selection is bad input, refused before anything
    } catch (oomlab.model.scenario.ScenarioException | IllegalArgumentException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    if (o.repeat() < 1) return usage(stderr, "--repeat must be at least 1, got " + o.repeat());
    Optional<String> unknownDesign = o.designs() == null ? Optional.empty() : ModelVerdicts.unknown(o.designs());
    if (unknownDesign.isPresent()) return usage(stderr, "--designs: " + unknownDesign.get());
    if (VmTarget.kernelOf(o.target()).isPresent()) {
      // The guest runs these options with --target local; see oomlab.controller.vm.VmTarget.
      return VmTarget.run(o, kernelFiles, o.out() != null ? o.out() : defaultResults(), scenarios, stdout, stderr);
    }
    if (kernelFiles.given()) return usage(stderr, "--modules and --kconfig go with --target vm:PATH");
    if (!o.target().equals("local")) return usage(stderr, "--target " + o.target() + ": use local or vm:KERNEL");
    // From here on the run may create cgroups, workloads and a tmpfs: SIGINT and SIGTERM end it
    // through its own teardown (StopRequest), never halfway.
    try (StopRequest stop = StopRequest.install(line -> {
      stderr.println("oomlab run: " + line);
      stderr.flush();
    })) {
      return local(o, scenarios, files, settleTime, validation, stdout, stderr, stop);
    }
  }

  private static int local(RunOptions o, List<Scenario> scenarios, Map<String, Path> files, Duration settleTime,
      PhaseTimer validation, PrintWriter stdout, PrintWriter stderr, StopRequest stop) {
    Optional<CgroupVersion> wanted;
    try {
      wanted = Optional.ofNullable(o.cgroup()).map(CgroupVersion::parse);
    } catch (IllegalArgumentException e) {
      return usage(stderr, "--cgroup: " + e.getMessage());
    }
    validation.start("environment");
    LocalTarget local;
    try {
      local = LocalTarget.open(wanted);
    } catch (LocalTarget.EnvironmentException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    }
    CgroupVersion version = local.root().version();
    // The design of this kernel's era leads the verdicts; the others say what an older design allows.
    String eraDesign = ModelVerdicts.eraDesign(local.kernel());
    List<String> designNames = ModelVerdicts.designsFor(eraDesign, o.designs());

    validation.start("preflight");
    // Every refusal for bad input is reported before anything is created.
    Map<String, Preflight.Refusal> refusals = new HashMap<>();
    List<String> badInput = new ArrayList<>();
    boolean cap = local.hasCapSysResource();
    long memAvailable = MemInfo.availableNow().orElse(Long.MAX_VALUE);
    for (Scenario s : scenarios) {
      Preflight.check(s, version, cap, memAvailable).ifPresent(r -> {
        refusals.put(s.name(), r);
        // FILE: FIELD: PROBLEM, as the loader's own messages
        if (r.kind() == Preflight.Kind.BAD_INPUT) badInput.add(files.get(s.name()) + ": " + r.reason());
      });
    }
    if (!badInput.isEmpty()) {
      badInput.forEach(l -> stderr.println("oomlab run: " + l));
      return Oomlab.EXIT_BAD_INPUT;
    }

    Path results = o.out() != null ? o.out() : defaultResults();
    SuiteRun suite = new SuiteRun(local.root(),
        new SuiteRun.Options(o.repeat(), results, settleTime, targetLabel(o), WorkloadBinary.locate()),
        ModelVerdicts.forDesigns(designNames, o.maxStates()), o.json() ? line -> { } : stdout::println, o.verbose(), stop);
    List<RunSummary.ScenarioEntry> entries = new ArrayList<>();
    int exit = Oomlab.EXIT_OK;
    // A matrix shard runs some repetitions: the others, and scenarios with none, are another shard's.
    Map<String, java.util.Set<Integer>> selected = selection(o.select());
    if (selected != null) scenarios = scenarios.stream().filter(s -> selected.containsKey(s.name())).toList();
    try {
      Files.createDirectories(results);
      validation.start("cleanup");
      // A stale run that cannot be removed (a task stuck in D state) is reported, not fatal: the
      // runs of this command live in directories of their own.
      suite.cleanupStale().failures().forEach(l -> stderr.println("oomlab run: stale run left: " + l));
      validation.stop();
      // In a guest: the host's "boot to agent ready" ends here, and its progress bar follows the scenarios.
      GuestStatusPort.report("ready", scenarios.size() + " scenarios");
      int index = 0;
      for (Scenario s : scenarios) {
        if (stop.requested()) break;
        GuestStatusPort.report("scenario", ++index + "/" + scenarios.size() + " " + s.name());
        Preflight.Refusal refusal = refusals.get(s.name());
        ScenarioReport report;
        if (refusal != null) {
          boolean skip = refusal.kind() == Preflight.Kind.SKIP;
          if (!o.json()) stdout.println(s.name() + ": " + (skip ? "skipped: " : "REFUSED: ") + refusal.reason());
          report = ScenarioReport.notRun(s.name(), skip ? ScenarioReport.Status.SKIPPED : ScenarioReport.Status.REFUSED, refusal.reason());
        } else {
          report = selected == null ? suite.run(s, validation) : suite.run(s, validation, selected.get(s.name())::contains);
          validation = new PhaseTimer();
        }
        stdout.flush();
        entries.add(RunSummary.entry(report, suiteOf(files.get(s.name())), results));
        if (report.status() == ScenarioReport.Status.INTERRUPTED) break;
      }
      // Nothing ran (every scenario skipped or refused): not a success, a run that tested nothing.
      boolean nothingRan = !stop.requested() && entries.stream().noneMatch(e -> e.status().equals("ran"));
      exit = stop.requested() ? stop.exitCode() : RunExit.of(entries);
      RunSummary summary = new RunSummary(targetLabel(o), local.kernel(), version.label(), designNames.getFirst(), designNames,
          o.repeat(), exit, entries);
      summary.write(results.resolve("summary.json"));
      oomlab.controller.report.HtmlReport.writeAfterRun(results, o.json() ? null : stdout, stderr);
      if (o.json()) stdout.print(Files.readString(results.resolve("summary.json")));
      else stdout.println("results: " + results.resolve("summary.json"));
      if (stop.requested()) {
        long finished = entries.stream().filter(e -> e.status().equals("ran")).count();
        stderr.println("oomlab run: stopped by " + stop.signalName() + " after " + finished + " of " + scenarios.size()
            + " scenarios");
      }
      if (nothingRan) {
        stderr.println("oomlab run: nothing ran: every scenario was skipped or refused on this " + version.label() + " hierarchy");
      }
    } catch (IOException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    }
    return exit;
  }

  /** {@code SCENARIO#K} lines by scenario, or null for no selection (every repetition runs). */
  static Map<String, java.util.Set<Integer>> selection(List<String> select) {
    if (select == null) return null;
    Map<String, java.util.Set<Integer>> out = new HashMap<>();
    for (String item : select) {
      int hash = item.lastIndexOf('#');
      if (hash <= 0) throw new IllegalArgumentException("select: expected SCENARIO#K, got " + item);
      out.computeIfAbsent(item.substring(0, hash), k -> new java.util.TreeSet<>()).add(Integer.parseInt(item.substring(hash + 1)));
    }
    return out;
  }

  /**
   * A scenario's suite: the name of the directory its file is in (a suite directory given as
   * input, or a single file's directory), which KCIDB and JUnit put in a path.
   */
  static String suiteOf(Path file) {
    Path dir = file == null ? null : file.toAbsolutePath().normalize().getParent();
    return dir == null || dir.getFileName() == null ? "oomlab" : dir.getFileName().toString();
  }

  static Path defaultResults() {
    return Path.of("oomlab-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** Inside a guest the run is local to the guest's kernel, but its results belong to the vm:KERNEL target. */
  private static String targetLabel(RunOptions o) {
    return System.getenv().getOrDefault("OOMLAB_TARGET", o.target());
  }

  private static int usage(PrintWriter stderr, String message) {
    stderr.println("oomlab run: " + message);
    return Oomlab.EXIT_BAD_INPUT;
  }
}
