package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.stop.StopRequest;
import oomlab.agent.kmsg.KernelHealth;
import oomlab.agent.trace.TraceEvent.FinishReason;
import oomlab.agent.trace.TraceWriter;
import oomlab.model.outcome.ExpectationCheck;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.OutcomeJson;
import oomlab.model.outcome.Verdict;
import oomlab.model.scenario.Scenario;

/**
 * Runs validated scenarios on the local kernel, each {@code repeat} times, and writes the results
 * in DESIGN section 6's layout: {@code <out>/<scenario>/} holds {@code trace.jsonl},
 * {@code outcome.json} and {@code verdicts.json} (with {@code --repeat N > 1}, one directory
 * {@code <out>/<scenario>/<k>/} per repetition k = 1..N); {@code <out>/summary.json} sums up.
 * Stale run directories and tmpfs mounts of dead agents are removed first.
 */
public final class SuiteRun {
  /** What a run of the suite is asked to do. */
  public record Options(int repeat, Path out, Duration settle, String target, Path workloadBinary) {}

  /** Asks the model for its verdicts on one real outcome. */
  @FunctionalInterface
  public interface VerdictSource {
    List<Verdict> verdicts(Scenario scenario, Outcome outcome);

    /** The design of the kernel's era, whose verdict leads; null when the source names none. */
    default String eraDesign() {
      return null;
    }
  }

  /** One repetition of one scenario. */
  public record RunReport(int repetition, Path dir, Outcome outcome, List<Verdict> verdicts, FinishReason finish,
                          List<String> expectDifferences, List<String> errors, Map<String, Double> phasesMs,
                          Map<String, Double> phasesCpuMs, KernelHealth.Report health) {
    public RunReport(int repetition, Path dir, Outcome outcome, List<Verdict> verdicts, FinishReason finish,
        List<String> expectDifferences, List<String> errors, Map<String, Double> phasesMs, Map<String, Double> phasesCpuMs) {
      this(repetition, dir, outcome, verdicts, finish, expectDifferences, errors, phasesMs, phasesCpuMs, KernelHealth.Report.NONE);
    }

    public boolean expectFailed() {
      return !expectDifferences.isEmpty();
    }

    RunReport withHealth(KernelHealth.Report h) {
      return new RunReport(repetition, dir, outcome, verdicts, finish, expectDifferences, errors, phasesMs, phasesCpuMs, h);
    }
  }

  private final AgentRoot root;
  private final Options options;
  private final VerdictSource verdictSource;
  private final Consumer<String> out;
  private final boolean verbose;
  private final StopRequest stop;

  public SuiteRun(AgentRoot root, Options options, VerdictSource verdictSource, Consumer<String> out, boolean verbose) {
    this(root, options, verdictSource, out, verbose, StopRequest.none());
  }

  /**
   * @param stop SIGINT or SIGTERM: the scenario under way ends through its normal teardown and is
   *     reported {@code interrupted}; no later repetition runs
   */
  public SuiteRun(AgentRoot root, Options options, VerdictSource verdictSource, Consumer<String> out, boolean verbose,
      StopRequest stop) {
    this.stop = stop;
    this.root = root;
    this.options = options;
    this.verdictSource = verdictSource;
    this.out = out;
    this.verbose = verbose;
  }

  /**
   * Removes what dead agents left: tmpfs mounts, run directories below the agent root. What cannot
   * be removed is one line each in the result's failures; it does not stop this run.
   */
  public AgentRoot.StaleCleanup cleanupStale() throws IOException {
    // tmpfs first: its pages are charged to the stale memcgs and go only with the unmount
    AgentRoot.StaleCleanup tmpfs = cleanupStaleTmpfs();
    AgentRoot.StaleCleanup runs = root.cleanupStale();
    List<Path> removed = new ArrayList<>(tmpfs.removed());
    removed.addAll(runs.removed());
    List<String> failures = new ArrayList<>(tmpfs.failures());
    failures.addAll(runs.failures());
    return new AgentRoot.StaleCleanup(removed, failures);
  }

  /** The tmpfs directories ({@code <tmp>/oomlab-run-*}, mounted or not) whose owner is dead. */
  public static List<Path> staleTmpfs() throws IOException {
    return TmpfsMount.staleDirs();
  }

  /** Unmounts and removes the directories {@link #staleTmpfs()} lists, each tried. */
  public static AgentRoot.StaleCleanup cleanupStaleTmpfs() throws IOException {
    return TmpfsMount.cleanupStale();
  }

  /** Runs {@code scenario} {@code repeat} times; prints a line per repetition and the distribution. */
  public ScenarioReport run(Scenario scenario, PhaseTimer validation) throws IOException {
    return run(scenario, validation, k -> true);
  }

  /**
   * Runs the repetitions of {@code scenario} that {@code repetitions} accepts (1-based; a matrix
   * shard runs some), each in the directory it has in a run of all {@code repeat}.
   */
  public ScenarioReport run(Scenario scenario, PhaseTimer validation, java.util.function.IntPredicate repetitions) throws IOException {
    List<RunReport> runs = new ArrayList<>();
    OutcomeDistribution distribution = new OutcomeDistribution();
    Path scenarioDir = options.out().resolve(scenario.name());
    boolean first = true;
    for (int k = 1; k <= options.repeat(); k++) {
      if (!repetitions.test(k)) continue;
      Path dir = options.repeat() == 1 ? scenarioDir : scenarioDir.resolve(Integer.toString(k));
      RunReport r = runOnce(scenario, k, dir, first ? validation : new PhaseTimer());
      first = false;
      runs.add(r);
      if (r.finish() == FinishReason.INTERRUPTED) {
        out.accept(line(scenario, r));
        return new ScenarioReport(scenario.name(), ScenarioReport.Status.INTERRUPTED, interruption(k), runs, distribution);
      }
      if (r.outcome() != null) distribution.add(r.outcome(), r.verdicts());
      if (options.repeat() == 1 || verbose) out.accept(line(scenario, r));
    }
    if (options.repeat() > 1) {
      out.accept(scenario.name() + ": " + runs.size() + " runs, " + distribution.rows().size() + " distinct outcome(s)");
      distribution.table().forEach(out);
      long failed = runs.stream().filter(RunReport::expectFailed).count();
      if (failed > 0) {
        out.accept("  expect failed in " + failed + " of " + runs.size() + " runs: "
            + runs.stream().filter(RunReport::expectFailed).findFirst().orElseThrow().expectDifferences());
      }
    }
    return new ScenarioReport(scenario.name(), ScenarioReport.Status.RAN, null, runs, distribution);
  }

  private String interruption(int k) {
    return stop.signalName() + " during run " + k + " of " + options.repeat() + ": its trace is cut off, no outcome";
  }

  /** One repetition, with what the kernel reported about itself meanwhile (see {@link KernelHealth}). */
  private RunReport runOnce(Scenario scenario, int k, Path dir, PhaseTimer phases) throws IOException {
    KernelHealth health = KernelHealth.begin();
    try {
      return runWatched(scenario, k, dir, phases).withHealth(health.end());
    } finally {
      health.close();
    }
  }

  private RunReport runWatched(Scenario scenario, int k, Path dir, PhaseTimer phases) throws IOException {
    Files.createDirectories(dir);
    String suffix = scenario.name() + "-" + k;
    ScenarioRun.Result result;
    try (TraceRecorder trace = new TraceRecorder(TraceWriter.create(dir.resolve("trace.jsonl")))) {
      result = new ScenarioRun(root, options.workloadBinary(), options.target(), options.settle(), phases, stop)
          .run(scenario, suffix, trace);
    } catch (IOException | RuntimeException e) {
      // One scenario failing to set up (a cgroup write refused, a workload that would not start)
      // must not stop the others: it is reported, and the run's exit code says environment.
      phases.stop();
      return new RunReport(k, dir, null, List.of(), FinishReason.ERROR, List.of(), List.of(String.valueOf(e.getMessage())),
          phases.millis(), phases.cpuMillis());
    }
    if (result.reason() == FinishReason.INTERRUPTED) {
      phases.stop();
      return new RunReport(k, dir, null, List.of(), result.reason(), List.of(), List.of("stopped by " + stop.signalName()),
          phases.millis(), phases.cpuMillis());
    }
    if (result.reason() == FinishReason.ERROR) {
      phases.stop();
      return new RunReport(k, dir, null, List.of(), result.reason(), List.of(), result.errors(), phases.millis(),
          phases.cpuMillis());
    }
    phases.start("derive");
    Outcome outcome = OutcomeDeriver.derive(result.trace());
    OutcomeJson.writeOutcome(dir.resolve("outcome.json"), outcome);
    phases.start("verdicts");
    Optional<List<Verdict>> held = verdictsUnlessStopped(scenario, outcome);
    if (held.isEmpty()) {
      phases.stop();
      return new RunReport(k, dir, outcome, List.of(), FinishReason.INTERRUPTED, List.of(),
          List.of("stopped by " + stop.signalName() + " while the model checked the outcome"), phases.millis(), phases.cpuMillis());
    }
    List<Verdict> verdicts = held.get();
    OutcomeJson.writeVerdicts(dir.resolve("verdicts.json"), verdicts);
    phases.stop();
    List<String> diffs = scenario.expect().map(e -> ExpectationCheck.failures(e, outcome)).orElse(List.of());
    return new RunReport(k, dir, outcome, verdicts, result.reason(), diffs, result.errors(), phases.millis(),
        phases.cpuMillis());
  }

  /**
   * The model's verdicts, explored on a thread of their own while this one watches for a stop:
   * nothing of the run is left on the machine by now, and an exploration of a million states
   * must not hold a Ctrl-C up for seconds. Empty when stopped (the explorer thread is a daemon
   * and dies with the JVM).
   */
  private Optional<List<Verdict>> verdictsUnlessStopped(Scenario scenario, Outcome outcome) {
    if (!stop.watchesSignals()) return Optional.of(verdictSource.verdicts(scenario, outcome));
    java.util.concurrent.CompletableFuture<List<Verdict>> f = new java.util.concurrent.CompletableFuture<>();
    Thread.ofPlatform().daemon().name("oomlab-verdicts").start(() -> {
      try {
        f.complete(verdictSource.verdicts(scenario, outcome));
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    while (true) {
      if (stop.requested()) return Optional.empty();
      try {
        return Optional.of(f.get(20, java.util.concurrent.TimeUnit.MILLISECONDS));
      } catch (java.util.concurrent.TimeoutException e) {
        // poll the stop request again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) throw re;
        if (e.getCause() instanceof Error err) throw err;
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private String line(Scenario scenario, RunReport r) {
    String name = scenario.name() + (options.repeat() > 1 ? " #" + r.repetition() : "");
    if (r.finish() == FinishReason.INTERRUPTED) return name + ": INTERRUPTED " + String.join("; ", r.errors());
    if (r.outcome() == null) return name + ": ERROR " + String.join("; ", r.errors());
    StringBuilder sb = new StringBuilder(name).append(": ").append(OutcomeText.brief(r.outcome()))
        .append(' ').append(OutcomeText.verdicts(r.verdicts(), verdictSource.eraDesign()));
    if (r.finish() == FinishReason.TIMEOUT) sb.append(" TIMEOUT after ").append(scenario.timeout().toMillis()).append(" ms");
    if (scenario.expect().isPresent()) {
      sb.append(r.expectFailed() ? " EXPECT FAILED: " + String.join("; ", r.expectDifferences()) : " expect ok");
    }
    if (r.health().unhealthy()) sb.append(" KERNEL: ").append(r.health().brief());
    if (verbose) sb.append("\n  phases: ").append(PhaseTimer.describe(r.phasesMs(), r.phasesCpuMs()));
    return sb.toString();
  }

  /** What became of one scenario: ran (with its runs), skipped (not for this hierarchy) or refused. */
  public record ScenarioReport(String scenario, Status status, String reason, List<RunReport> runs,
                               OutcomeDistribution distribution) {
    /** INTERRUPTED: SIGINT or SIGTERM ended it (StopRequest); nothing after it ran. */
    public enum Status { RAN, SKIPPED, REFUSED, INTERRUPTED }

    public static ScenarioReport notRun(String scenario, Status status, String reason) {
      return new ScenarioReport(scenario, status, reason, List.of(), new OutcomeDistribution());
    }

    public boolean expectFailed() {
      return runs.stream().anyMatch(RunReport::expectFailed);
    }

    public boolean timedOut() {
      return runs.stream().anyMatch(r -> r.finish() == FinishReason.TIMEOUT);
    }

    /** Whether the kernel reported a problem about itself (WARN, BUG, lockdep, ...) or was newly tainted in a run. */
    public boolean kernelUnhealthy() {
      return runs.stream().anyMatch(r -> r.health().unhealthy());
    }

    public boolean failed() {
      return runs.stream().anyMatch(r -> r.finish() == FinishReason.ERROR);
    }

    public Optional<String> firstError() {
      return runs.stream().flatMap(r -> r.errors().stream()).findFirst();
    }
  }
}
