package oomlab.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;
import oomlab.model.outcome.VerdictKind;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Outcomes the Debian kernels produced in guests (issue 12's divergences, docs/divergences.md),
 * held against the design of each kernel's era: the era design allows what that kernel did, and
 * forbids the outcome the runner used to derive where the kernel's code rules it out.
 */
class GuestOutcomesTest {
  private static Scenario load(String path) throws Exception {
    return ScenarioLoader.load(Path.of("../scenarios", path));
  }

  private static Verdict check(String scenario, Outcome real, String design) throws Exception {
    return Conformance.check(load(scenario), real, List.of(design), 1_000_000).getFirst();
  }

  private static Outcome outcome(String scenario, String kernel, CgroupVersion v, List<String> killOrder,
      List<String> survived, List<String> blocked, MemoryEventCounts events, boolean overcharged,
      Map<Integer, String> handlers) {
    return new Outcome(scenario, kernel, v, killOrder.stream().sorted().toList(), killOrder, survived, blocked,
        List.of(), Map.of("A", events.oom() > 0 ? 1 : 0), Map.of("A", events), Map.of("A", overcharged),
        Map.of("A", false), handlers);
  }

  /**
   * 5.10 v2 oom-group-leaf, 3 of 3: the group kill of 6.1 (oom_kill 3 for two processes) and no
   * oom_group_kill line in memory.events (5.10's __memory_events_show), which the outcome reads as 0.
   */
  @Test
  void fiveTenGroupKillConformsToItsEraWithoutAGroupKillCounter() throws Exception {
    Outcome real = outcome("oom-group-leaf", "5.10.0-32-amd64", CgroupVersion.V2, List.of("big", "small"),
        List.of(), List.of(), new MemoryEventCounts(1, 3, 0), false, Map.of());
    Verdict era = check("v2/01-oom-group-leaf.yaml", real, "mainline-5.10");
    assertThat(era.verdict()).isEqualTo(VerdictKind.CONFORMS);
    assertThat(era.compared()).doesNotContain("events.oom_group_kill").contains("events.oom_kill");
    Verdict sixOne = check("v2/01-oom-group-leaf.yaml", real, "mainline-6.1");
    assertThat(sixOne.verdict()).isEqualTo(VerdictKind.DIVERGES);
    assertThat(sixOne.differences()).extracting(Verdict.Difference::field).containsExactly("events.A.oom_group_kill");
  }

  /**
   * 7.2 v2 shared-mm, 3 of 8: b is the victim, __oom_kill_process SIGKILLs its sharer a in the
   * same call, and a later OOM kills other once the mm is torn down: oom_kill 2. Other can never be
   * killed before a (a dies with b), so the order the runner used to derive, a by its exit, is not
   * allowed.
   */
  @Test
  void sevenTwoKillsTheThirdTaskOnlyAfterBothSharers() throws Exception {
    Outcome real = outcome("shared-mm", "7.2.13+deb14-amd64", CgroupVersion.V2, List.of("b", "a", "other"),
        List.of(), List.of(), new MemoryEventCounts(2, 2, 0), false, Map.of());
    assertThat(check("basic/13-shared-mm.yaml", real, "mainline-7.2").verdict()).isEqualTo(VerdictKind.CONFORMS);
    Outcome misordered = outcome("shared-mm", "7.2.13+deb14-amd64", CgroupVersion.V2, List.of("b", "other", "a"),
        List.of(), List.of(), new MemoryEventCounts(2, 2, 0), false, Map.of());
    Verdict v = check("basic/13-shared-mm.yaml", misordered, "mainline-7.2");
    assertThat(v.verdict()).isEqualTo(VerdictKind.DIVERGES);
    assertThat(v.differences()).extracting(Verdict.Difference::field).containsExactly("killOrder");
  }

  /**
   * 7.2 v2 memory-high-never-kills, 8 of 8 once the runner knew __mem_cgroup_handle_over_high: the
   * throttle slows the task and ends; 7.2, like every line, never kills or holds it for memory.high.
   */
  @Test
  void sevenTwoNeverHoldsATaskOverMemoryHigh() throws Exception {
    Outcome survived = outcome("memory-high-never-kills", "7.2.13+deb14-amd64", CgroupVersion.V2, List.of(),
        List.of("over"), List.of(), MemoryEventCounts.ZERO, false, Map.of());
    assertThat(check("v2/04-memory-high-never-kills.yaml", survived, "mainline-7.2").verdict())
        .isEqualTo(VerdictKind.CONFORMS);
    Outcome blocked = outcome("memory-high-never-kills", "7.2.13+deb14-amd64", CgroupVersion.V2, List.of(),
        List.of(), List.of("over"), MemoryEventCounts.ZERO, false, Map.of());
    assertThat(check("v2/04-memory-high-never-kills.yaml", blocked, "mainline-7.2").verdict())
        .isEqualTo(VerdictKind.DIVERGES);
  }

  /**
   * 6.12 v2 shrink-max-kills: memory_max_write stores the new max, then OOM-kills from the
   * writer's context until usage fits; nothing is ever forced over a limit, so the overcharge a
   * racing usage read once showed is not allowed.
   */
  @Test
  void sixTwelveShrinkKillsWithoutAnOvercharge() throws Exception {
    Outcome real = outcome("shrink-max-kills", "6.12.117+deb13-amd64", CgroupVersion.V2, List.of("a"),
        List.of(), List.of(), new MemoryEventCounts(2, 1, 0), false, Map.of(0, Outcome.WRITE_OK));
    assertThat(check("v2/05-shrink-max-kills.yaml", real, "mainline-6.12").verdict()).isEqualTo(VerdictKind.CONFORMS);
    Outcome over = outcome("shrink-max-kills", "6.12.117+deb13-amd64", CgroupVersion.V2, List.of("a"),
        List.of(), List.of(), new MemoryEventCounts(2, 1, 0), true, Map.of(0, Outcome.WRITE_OK));
    Verdict v = check("v2/05-shrink-max-kills.yaml", over, "mainline-6.12");
    assertThat(v.verdict()).isEqualTo(VerdictKind.DIVERGES);
    assertThat(v.differences()).extracting(Verdict.Difference::field).containsExactly("overcharged.A");
  }

  /**
   * 6.1 v2 race-shared-mm, run 8 of 10: b reported and killed with its sharer a; c's next OOM chose
   * a (SIGKILLed, no OOM victim, still holding the mm through its allocating thread, its leader
   * past exit_mm), task_will_free_mem(a) was false and __oom_kill_process counted it again: the
   * kmsg's second "Killed process" names a thread of a, c survived, oom_kill 2.
   */
  @Test
  void sixOneCountsADyingSharerAgainWhenItsLeaderHasPassedExitMm() throws Exception {
    Outcome real = outcome("race-shared-mm", "6.1.0-50-amd64", CgroupVersion.V2, List.of("b", "a"),
        List.of("c"), List.of(), new MemoryEventCounts(15, 2, 0), false, Map.of());
    for (String d : List.of("mainline-6.1", "mainline-7.2")) {
      assertThat(Conformance.check(ScenarioLoader.load(Path.of("../scenarios/race/05-shared-mm.yaml")), real,
          List.of(d), 1_000_000).getFirst().verdict()).as(d).isEqualTo(VerdictKind.CONFORMS);
    }
  }
}
