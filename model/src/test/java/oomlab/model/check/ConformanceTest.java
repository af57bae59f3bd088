package oomlab.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class ConformanceTest {
  private static final oomlab.model.outcome.VerdictKind CONFORMS = oomlab.model.outcome.VerdictKind.CONFORMS;
  private static final oomlab.model.outcome.VerdictKind DIVERGES = oomlab.model.outcome.VerdictKind.DIVERGES;
  private static final oomlab.model.outcome.VerdictKind UNKNOWN = oomlab.model.outcome.VerdictKind.UNKNOWN;

  private static Scenario hog() throws Exception {
    return ScenarioLoader.load(Path.of("../scenarios/basic/01-hog-over-limit.yaml"));
  }

  /** What 6.18 on cgroup v1 reported for hog-over-limit on this machine. */
  private static Outcome killedHog(List<String> killed, List<String> survived, long oomKill, boolean overcharged) {
    return new Outcome("hog-over-limit", "6.18", CgroupVersion.V1, killed, killed, survived, List.of(), List.of(),
        Map.of("A", 1), Map.of("A", new MemoryEventCounts(1, oomKill, 0)), Map.of("A", overcharged),
        Map.of("A", false));
  }

  @Test
  void realKillOfTheHogConformsToMainline6() throws Exception {
    List<Verdict> v = Conformance.check(hog(), killedHog(List.of("hog"), List.of(), 1, false), List.of("mainline6"), 100_000);
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.verdict()).isEqualTo(CONFORMS);
      assertThat(x.differences()).isEmpty();
      assertThat(x.witness()).anyMatch(l -> l.contains("select_bad_process kills hog"));
    });
  }

  @Test
  void aSurvivingHogDivergesWithTheNearestAllowedOutcomeAndItsWitness() throws Exception {
    Verdict v = Conformance.check(hog(), killedHog(List.of(), List.of("hog"), 0, false), List.of("mainline6"), 100_000).get(0);
    assertThat(v.verdict()).isEqualTo(DIVERGES);
    assertThat(v.differences()).extracting(Verdict.Difference::field)
        .contains("killed", "survived", "events.A.oom_kill");
    assertThat(v.witness()).isNotEmpty();
  }

  @Test
  void hocko2018AllowsOnlyTheOverchargeOfItsDyingVictimOrNone() throws Exception {
    // 4.19 force-charges a victim's last charge: both overcharged and not are reachable here.
    for (boolean over : new boolean[] {true, false}) {
      Verdict v = Conformance.check(hog(), killedHog(List.of("hog"), List.of(), 1, over), List.of("hocko2018"), 100_000).get(0);
      assertThat(v.verdict()).isEqualTo(CONFORMS);
    }
    Verdict m = Conformance.check(hog(), killedHog(List.of("hog"), List.of(), 1, true), List.of("mainline6"), 100_000).get(0);
    assertThat(m.verdict()).isEqualTo(DIVERGES);
    assertThat(m.differences()).extracting(Verdict.Difference::field).containsExactly("overcharged.A");
  }

  @Test
  void aBoundHitBeforeAMatchIsUnknownNeverDiverges() throws Exception {
    Verdict v = Conformance.check(hog(), killedHog(List.of("hog"), List.of(), 1, false), List.of("mainline6"), 10).get(0);
    assertThat(v.verdict()).isEqualTo(UNKNOWN);
  }

  /**
   * What Debian 6.1 does on oom-group-leaf: small and big killed, memory.events of A oom_kill 3 for
   * 2 processes, because mem_cgroup_scan_tasks(oom_kill_memcg_member) reaches the victim again
   * while it still has its mm and __oom_kill_process counts MEMCG_OOM_KILL a second time.
   */
  @Test
  void aGroupKillCountsItsVictimTwiceAsOomKillsLike61() throws Exception {
    Scenario leaf = ScenarioLoader.load(Path.of("../scenarios/v2/01-oom-group-leaf.yaml"));
    Outcome real = new Outcome("oom-group-leaf", "6.1.0", CgroupVersion.V2, List.of("big", "small"), List.of("big", "small"),
        List.of(), List.of(), List.of(), Map.of("A", 1), Map.of("A", new MemoryEventCounts(1, 3, 1)), Map.of("A", false),
        Map.of("A", false));
    Verdict v = Conformance.check(leaf, real, List.of("mainline6"), 100_000).get(0);
    assertThat(v.differences()).isEmpty();
    assertThat(v.verdict()).isEqualTo(CONFORMS);
    Outcome oncePerProcess = new Outcome("oom-group-leaf", "6.1.0", CgroupVersion.V2, List.of("big", "small"),
        List.of("big", "small"), List.of(), List.of(), List.of(), Map.of("A", 1), Map.of("A", new MemoryEventCounts(1, 2, 1)),
        Map.of("A", false), Map.of("A", false));
    assertThat(Conformance.check(leaf, oncePerProcess, List.of("mainline6"), 100_000).get(0).differences())
        .extracting(Verdict.Difference::field).containsExactly("events.A.oom_kill");
  }
}
