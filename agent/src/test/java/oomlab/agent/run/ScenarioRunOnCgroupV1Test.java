package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import oomlab.agent.KernelRequirement;
import oomlab.agent.trace.TraceEvent;
import oomlab.agent.trace.TraceReader;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scenarios of the shipped {@code scenarios/basic} suite on this machine's cgroup v1 memory
 * controller and asserts what the kernel guarantees (not one sample of a race), plus the runner's
 * own promises: the agent is never in a cgroup it tests, and nothing is left afterwards.
 */
class ScenarioRunOnCgroupV1Test {
  private static final Path SUITE = Path.of("../scenarios/basic");
  private static final Path V1_ROOT = Path.of("/sys/fs/cgroup/memory/oomlab");

  @TempDir Path out;
  private LocalTarget local;
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void openTarget() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.requireFile(Path.of("/sys/fs/cgroup/memory/memory.oom_control"));
    local = LocalTarget.open(Optional.of(CgroupVersion.V1));
  }

  @AfterEach
  void nothingIsLeft() throws IOException {
    if (local == null) return;
    assertThat(ownRunDirectories()).as("run directories of this JVM").isEmpty();
    assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").contains("oomlab-workload")))
        .as("workload processes").isEmpty();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("oomlab-run-" + ProcessHandle.current().pid());
  }

  private SuiteRun suite(int repeat) {
    return new SuiteRun(local.root(), new SuiteRun.Options(repeat, out, Duration.ofMillis(300), "local", WorkloadBinary.locate()),
        (s, o) -> List.of(), lines::add, false);
  }

  private static Scenario scenario(String file) throws Exception {
    return ScenarioLoader.load(SUITE.resolve(file));
  }

  private static List<Path> ownRunDirectories() throws IOException {
    if (!Files.isDirectory(V1_ROOT)) return List.of();
    try (Stream<Path> dirs = Files.list(V1_ROOT)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("run-" + ProcessHandle.current().pid() + "-")).toList();
    }
  }

  @Test
  void aHogOverItsLimitIsKilledByTheKernelWhichReportsIt() throws Exception {
    SuiteRun.ScenarioReport report = suite(1).run(scenario("01-hog-over-limit.yaml"), new PhaseTimer());
    SuiteRun.RunReport run = report.runs().getFirst();
    assertThat(run.outcome().killed()).containsExactly("hog");
    assertThat(run.outcome().events().get("A").oomKill()).isEqualTo(1);
    assertThat(run.outcome().notifications().get("A")).isGreaterThanOrEqualTo(1);
    List<TraceEvent> trace = TraceReader.read(run.dir().resolve("trace.jsonl"));
    int pid = trace.stream().filter(e -> e instanceof TraceEvent.TaskStarted).map(e -> ((TraceEvent.TaskStarted) e).pid()).findFirst().orElseThrow();
    assertThat(trace).filteredOn(e -> e instanceof TraceEvent.TaskStarted).singleElement()
        .satisfies(e -> assertThat(((TraceEvent.TaskStarted) e).cgroup()).isEqualTo("A"));
    assertThat(trace).anySatisfy(e -> {
      assertThat(e).isInstanceOf(TraceEvent.KernelOomKill.class);
      TraceEvent.KernelOomKill k = (TraceEvent.KernelOomKill) e;
      assertThat(k.pid()).isEqualTo(pid);
      assertThat(k.oomMemcg()).endsWith("/A");
      assertThat(k.constraint()).isEqualTo("CONSTRAINT_MEMCG");
    });
    assertThat(trace).filteredOn(e -> e instanceof TraceEvent.TaskExited).singleElement()
        .isEqualTo(new TraceEvent.TaskExited(exitTime(trace), "hog", pid, null, 9, TraceEvent.Killer.KERNEL));
    assertThat(Files.readString(run.dir().resolve("outcome.json"))).contains("\"hog-over-limit\"");
    assertThat(run.dir().resolve("verdicts.json")).exists();
  }

  private static long exitTime(List<TraceEvent> trace) {
    return trace.stream().filter(e -> e instanceof TraceEvent.TaskExited).findFirst().orElseThrow().t();
  }

  @Test
  void aHogInOomKillDisableIsBlockedInTheMemcgOomWaitNotKilledAndTheAgentIsNeverInItsCgroups() throws Exception {
    AgentAbsenceWatch watch = AgentAbsenceWatch.start(V1_ROOT);
    SuiteRun.ScenarioReport report = suite(1).run(scenario("12-oom-kill-disable-blocked.yaml"), new PhaseTimer());
    watch.stop();
    Outcome o = report.runs().getFirst().outcome();
    assertThat(o.blocked()).containsExactly("hog");
    assertThat(o.killed()).isEmpty();
    assertThat(o.underOomSeen()).containsEntry("A", true);
    assertThat(o.events().get("A").oomKill()).isZero();
    List<TraceEvent> trace = TraceReader.read(report.runs().getFirst().dir().resolve("trace.jsonl"));
    assertThat(trace).filteredOn(e -> e instanceof TraceEvent.TaskBlocked)
        .singleElement().extracting(e -> ((TraceEvent.TaskBlocked) e).state()).asString().startsWith("D");
    assertThat(watch.cgroupsSeen()).as("the watch saw the run's cgroups").isPositive();
    assertThat(watch.agentSeen()).as("the agent's pid in a cgroup.procs it tests").isFalse();
  }

  @Test
  void aHandlerRaisingTheLimitOnTheEventfdLetsTheHogComplete() throws Exception {
    SuiteRun.ScenarioReport report = suite(1).run(scenario("06-oom-kill-disable-raise-limit.yaml"), new PhaseTimer());
    Outcome o = report.runs().getFirst().outcome();
    assertThat(o.survived()).as(OutcomeText.brief(o)).containsExactly("hog");
    assertThat(o.underOomSeen()).containsEntry("A", true);
    assertThat(TraceReader.read(report.runs().getFirst().dir().resolve("trace.jsonl")))
        .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TraceEvent.HandlerAction.class,
            h -> assertThat(h.action()).isEqualTo("raise-limit A 96M")));
    assertThat(report.expectFailed()).isFalse();
  }

  @Test
  void repetitionsEachGetTheirOwnDirectoryAndTheLargestTaskIsAlwaysTheVictim() throws Exception {
    SuiteRun.ScenarioReport report = suite(3).run(scenario("02-largest-of-several.yaml"), new PhaseTimer());
    assertThat(report.runs()).hasSize(3);
    assertThat(report.runs()).extracting(SuiteRun.RunReport::dir).doesNotHaveDuplicates()
        .allSatisfy(d -> assertThat(d.resolve("outcome.json")).exists());
    // The small tasks charge nothing after the kill, so no second victim can be needed.
    assertThat(report.runs()).allSatisfy(r -> assertThat(r.outcome().killed()).contains("big"));
    assertThat(report.distribution().total()).isEqualTo(3);
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("3 runs"));
  }

  @Test
  void aTmpfsWriterIsChargedInTheSyscallAndTheMountIsGoneAfterwards() throws Exception {
    SuiteRun.ScenarioReport report = suite(1).run(scenario("09-tmpfs.yaml"), new PhaseTimer());
    Outcome o = report.runs().getFirst().outcome();
    // The charge of a tmpfs write fails (ENOMEM) or the OOM killer runs: either way the writer
    // does not get 48M into a 32M memcg.
    assertThat(o.killed().contains("writer") || o.enomem().contains("writer")).isTrue();
  }

  @Test
  void shrinkingLimitInBytesBelowUsageAnswersEbusyKeepsTheLimitAndKillsNothing() throws Exception {
    SuiteRun.ScenarioReport report = suite(1).run(scenario("14-shrink-limit-ebusy.yaml"), new PhaseTimer());
    SuiteRun.RunReport run = report.runs().getFirst();
    Outcome o = run.outcome();
    assertThat(o.handlers()).containsExactly(java.util.Map.entry(0, "EBUSY"));
    assertThat(o.survived()).containsExactly("a");
    assertThat(o.killed()).isEmpty();
    assertThat(o.events().get("A").oomKill()).isZero();
    List<TraceEvent> trace = TraceReader.read(run.dir().resolve("trace.jsonl"));
    TraceEvent.HandlerStarted started = trace.stream().filter(e -> e instanceof TraceEvent.HandlerStarted)
        .map(e -> (TraceEvent.HandlerStarted) e).findFirst().orElseThrow();
    TraceEvent.HandlerAction done = trace.stream().filter(e -> e instanceof TraceEvent.HandlerAction)
        .map(e -> (TraceEvent.HandlerAction) e).findFirst().orElseThrow();
    assertThat(done.result()).isEqualTo("EBUSY");
    assertThat(done.error()).contains("memory.limit_in_bytes", "EBUSY");
    assertThat(done.t()).isGreaterThanOrEqualTo(started.t());
    // memory.limit_in_bytes read back after the refused write: still the scenario's 64M
    assertThat(trace).filteredOn(e -> e instanceof TraceEvent.CgroupUsage u && u.t() > done.t())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(((TraceEvent.CgroupUsage) e).limit()).isEqualTo(64L << 20));
    assertThat(report.expectFailed()).isFalse();
  }
}
