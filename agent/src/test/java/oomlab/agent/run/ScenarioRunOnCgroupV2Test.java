package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oomlab.agent.KernelRequirement;
import oomlab.agent.trace.TraceEvent;
import oomlab.agent.trace.TraceReader;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scenarios of the shipped {@code scenarios/v2} suite on a cgroup v2 memory controller and
 * asserts what the kernel guarantees. Tagged guest-cgroup-v2: it runs in a Debian 6.1 guest
 * (controller's AgentV2TestsInDebian61GuestTest), the host binds memory to v1.
 */
@Tag(KernelRequirement.GUEST_CGROUP_V2)
class ScenarioRunOnCgroupV2Test {
  @TempDir Path out;
  private LocalTarget local;

  @BeforeEach
  void openTarget() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.requireMemoryController("v2");
    local = LocalTarget.open(Optional.of(CgroupVersion.V2));
  }

  /**
   * memory_max_write stores the new max, reclaims nothing (anon, no swap), then OOM-kills from
   * the writer's context until usage fits, and the write returns success: the task is killed,
   * memory.events counts oom and oom_kill, memory.max reads back as the new value.
   */
  @Test
  void shrinkingMemoryMaxBelowUsageKillsFromTheWriterAndTheWriteSucceeds() throws Exception {
    SuiteRun suite = new SuiteRun(local.root(), new SuiteRun.Options(1, out, Duration.ofMillis(300), "local",
        WorkloadBinary.locate()), (s, o) -> List.of(), l -> { }, false);
    SuiteRun.ScenarioReport report = suite.run(
        ScenarioLoader.load(Path.of("../scenarios/v2/05-shrink-max-kills.yaml")), new PhaseTimer());
    SuiteRun.RunReport run = report.runs().getFirst();
    Outcome o = run.outcome();
    assertThat(o.killed()).containsExactly("a");
    assertThat(o.handlers()).containsExactly(Map.entry(0, "ok"));
    assertThat(o.events().get("A").oomKill()).isGreaterThanOrEqualTo(1);
    assertThat(o.events().get("A").oom()).isGreaterThanOrEqualTo(1);
    List<TraceEvent> trace = TraceReader.read(run.dir().resolve("trace.jsonl"));
    TraceEvent.HandlerAction done = trace.stream().filter(e -> e instanceof TraceEvent.HandlerAction)
        .map(e -> (TraceEvent.HandlerAction) e).findFirst().orElseThrow();
    assertThat(done.result()).isEqualTo("ok");
    assertThat(done.error()).isNull();
    assertThat(trace).filteredOn(e -> e instanceof TraceEvent.MemoryEvents m && m.cgroup().equals("A"))
        .last().satisfies(e -> assertThat(((TraceEvent.MemoryEvents) e).counters().get("oom_kill")).isGreaterThanOrEqualTo(1L));
    assertThat(trace).filteredOn(e -> e instanceof TraceEvent.CgroupUsage u && u.t() > done.t())
        .isNotEmpty()
        .allSatisfy(e -> {
          TraceEvent.CgroupUsage u = (TraceEvent.CgroupUsage) e;
          assertThat(u.limit()).isEqualTo(16L << 20);
          assertThat(u.usage()).isLessThanOrEqualTo(16L << 20);
        });
    assertThat(report.expectFailed()).isFalse();
  }
}
