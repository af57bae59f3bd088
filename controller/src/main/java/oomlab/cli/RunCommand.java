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
import oomlab.agent.run.LocalTarget;
import oomlab.agent.run.ModelVerdicts;
import oomlab.agent.run.PhaseTimer;
import oomlab.agent.run.Preflight;
import oomlab.agent.run.RunSummary;
import oomlab.agent.run.SuiteRun;
import oomlab.agent.run.SuiteRun.ScenarioReport;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.controller.vm.GuestStatusPort;
import oomlab.controller.vm.VmTarget;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Durations;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oomlab run}: runs scenarios on a target and writes DESIGN section 6's results.
 *
 * <p>Exit codes: 2 when any input is bad (a file that does not load, duplicate names, a knob the
 * hierarchy lacks on a scenario meant for it): then nothing is created or run. Otherwise every
 * runnable scenario runs, and the code is the most important of: 1 an {@code expect:} failed,
 * 5 a scenario hit its {@code timeout} while tasks still made progress, 3 a scenario was refused
 * for the environment (a negative oom_score_adj without CAP_SYS_RESOURCE) or failed to set up,
 * 0 otherwise. Scenarios marked for the other hierarchy ({@code cgroup: v1} on v2) are skipped and
 * do not change the code.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Runs scenarios (files, or suite directories of *.yaml) and holds each outcome against the designs.",
        "Per scenario it prints one line (killed, survived, blocked, notifications, counters, verdicts, expect) and writes",
        "<out>/<scenario>/{trace.jsonl,outcome.json,verdicts.json} (with --repeat N: <out>/<scenario>/<k>/...) and <out>/summary.json."},
    footer = {"", "Examples:", "  oomlab run scenarios/basic --target local",
        "  oomlab run scenarios/basic/02-largest-of-several.yaml --repeat 20 --verbose",
        "", "Exit codes: 0 done, 1 expect failed, 2 bad input, 3 environment missing (scenario refused), 5 timeout."})
public final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SCENARIO|SUITE", arity = "1..*", description = "Scenario YAML files or suite directories.")
  List<Path> inputs;

  // Experiments that kill processes belong in a guest, where the agent is full root and both
  // cgroup versions exist (DESIGN section 6); local stays for the machine's own kernel.
  @Option(names = "--target", defaultValue = "vm:6.1",
      description = "Where to run: vm:KERNEL (5.10, 6.1, 6.12, 7.2: a Debian kernel booted in QEMU, cgroup v2 unless --cgroup v1) or local (this machine's kernel). Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(names = "--dry-run", description = "With --target vm:KERNEL: print the QEMU command line instead of booting.")
  boolean dryRun;

  @Option(names = "--cgroup", paramLabel = "v1|v2", description = "Hierarchy to use; default: v2 in a guest, on local the one holding the memory controller.")
  String cgroup;

  @Option(names = "--designs", split = ",", paramLabel = "LIST", description = "Designs to check against (default: all).")
  List<String> designs;

  @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", description = "Runs per scenario; the summary shows the distribution of outcomes.")
  int repeat;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: ./oomlab-results/<timestamp>).")
  Path out;

  @Option(names = "--json", description = "Print summary.json instead of the text lines.")
  boolean json;

  @Option(names = "--verbose", description = "Print every repetition and the time of each phase.")
  boolean verbose;

  @Option(names = "--settle", defaultValue = "300ms", paramLabel = "DUR",
      description = "How long a task may make no progress before the run counts it stuck. Default: ${DEFAULT-VALUE}.")
  String settle;

  @Option(names = "--max-states", defaultValue = "1000000", paramLabel = "N",
      description = "Exploration bound per design; beyond it a verdict is unknown. Default: ${DEFAULT-VALUE}.")
  long maxStates;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    PhaseTimer validation = new PhaseTimer();
    validation.start("validate");
    List<Scenario> scenarios;
    Duration settleTime;
    try {
      scenarios = ScenarioLoader.loadAll(inputs);
      settleTime = Durations.parse(settle);
    } catch (oomlab.model.scenario.ScenarioException | IllegalArgumentException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    if (repeat < 1) return usage(stderr, "--repeat must be at least 1, got " + repeat);
    List<String> designNames = designs == null ? ModelVerdicts.allDesigns() : designs;
    Optional<String> unknownDesign = ModelVerdicts.unknown(designNames);
    if (unknownDesign.isPresent()) return usage(stderr, "--designs: " + unknownDesign.get());
    if (VmTarget.kernelOf(target).isPresent()) {
      // The guest runs this same command with --target local; see oomlab.controller.vm.VmTarget.
      return VmTarget.run(target, spec.commandLine().getParseResult().originalArgs(), scenarios, cgroup,
          out != null ? out : defaultResults(), repeat, dryRun, stdout, stderr);
    }
    if (!target.equals("local")) return usage(stderr, "--target " + target + ": use local or vm:KERNEL");
    Optional<CgroupVersion> wanted;
    try {
      wanted = Optional.ofNullable(cgroup).map(CgroupVersion::parse);
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

    validation.start("preflight");
    // Every refusal for bad input is reported before anything is created.
    Map<String, Preflight.Refusal> refusals = new HashMap<>();
    List<String> badInput = new ArrayList<>();
    boolean cap = local.hasCapSysResource();
    for (Scenario s : scenarios) {
      Preflight.check(s, version, cap).ifPresent(r -> {
        refusals.put(s.name(), r);
        if (r.kind() == Preflight.Kind.BAD_INPUT) badInput.add("scenario " + s.name() + ": " + r.reason());
      });
    }
    if (!badInput.isEmpty()) {
      badInput.forEach(l -> stderr.println("oomlab run: " + l));
      return Oomlab.EXIT_BAD_INPUT;
    }

    Path results = out != null ? out : defaultResults();
    SuiteRun suite = new SuiteRun(local.root(),
        new SuiteRun.Options(repeat, results, settleTime, targetLabel(), WorkloadBinary.locate()),
        ModelVerdicts.forDesigns(designNames, maxStates), json ? line -> { } : stdout::println, verbose);
    List<RunSummary.ScenarioEntry> entries = new ArrayList<>();
    int exit = Oomlab.EXIT_OK;
    boolean refusedForEnvironment = false;
    boolean timedOut = false;
    boolean expectFailed = false;
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
        GuestStatusPort.report("scenario", ++index + "/" + scenarios.size() + " " + s.name());
        Preflight.Refusal refusal = refusals.get(s.name());
        ScenarioReport report;
        if (refusal != null) {
          boolean skip = refusal.kind() == Preflight.Kind.SKIP;
          if (!json) stdout.println(s.name() + ": " + (skip ? "skipped: " : "REFUSED: ") + refusal.reason());
          report = ScenarioReport.notRun(s.name(), skip ? ScenarioReport.Status.SKIPPED : ScenarioReport.Status.REFUSED, refusal.reason());
          refusedForEnvironment |= !skip;
        } else {
          report = suite.run(s, validation);
          validation = new PhaseTimer();
          expectFailed |= report.expectFailed();
          timedOut |= report.timedOut();
          refusedForEnvironment |= report.failed();
        }
        stdout.flush();
        entries.add(RunSummary.entry(report, results));
      }
      exit = expectFailed ? Oomlab.EXIT_EXPECT_FAILED
          : timedOut ? Oomlab.EXIT_TIMEOUT
          : refusedForEnvironment ? Oomlab.EXIT_ENVIRONMENT
          : Oomlab.EXIT_OK;
      RunSummary summary = new RunSummary(targetLabel(), local.kernel(), version.label(), designNames, repeat, exit, entries);
      summary.write(results.resolve("summary.json"));
      oomlab.controller.report.HtmlReport.writeAfterRun(results, json ? null : stdout, stderr);
      if (json) stdout.print(Files.readString(results.resolve("summary.json")));
      else stdout.println("results: " + results.resolve("summary.json"));
    } catch (IOException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    }
    return exit;
  }

  private static Path defaultResults() {
    return Path.of("oomlab-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** Inside a guest the run is local to the guest's kernel, but its results belong to the vm:KERNEL target. */
  private String targetLabel() {
    return System.getenv().getOrDefault("OOMLAB_TARGET", target);
  }

  private int usage(PrintWriter stderr, String message) {
    stderr.println("oomlab run: " + message);
    return Oomlab.EXIT_BAD_INPUT;
  }
}
