package oomlab.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import oomlab.model.design.Designs;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * A handler's limit write below usage: v1 {@code mem_cgroup_resize_max} answers EBUSY in every
 * design; v2 {@code memory_max_write} (hocko2018, mainline6) kills from the writer until usage
 * fits or no victim is left, and the write succeeds.
 */
class LimitWriteTest {
  private static final List<String> V2_DESIGNS = List.of("hocko2018", "mainline6");

  private static Scenario scenario(String yaml) throws Exception {
    return ScenarioLoader.parse("x.yaml", yaml);
  }

  private static Set<ModelOutcome> outcomes(Scenario sc, CgroupVersion v, String design) {
    AllowedOutcomes a = AllowedOutcomes.explore(Designs.create(design, ModelScenarios.from(sc, v)), 1_000_000);
    assertThat(a.complete()).isTrue();
    return a.entries().stream().map(AllowedOutcomes.Entry::outcome).collect(Collectors.toSet());
  }

  @Test
  void everyDesignAnswersEbusyOnV1AndKeepsTheLimitAndTheTask() throws Exception {
    Scenario sc = ScenarioLoader.load(Path.of("../scenarios/basic/14-shrink-limit-ebusy.yaml"));
    for (String d : Designs.names()) {
      assertThat(outcomes(sc, CgroupVersion.V1, d)).as(d).singleElement().satisfies(o -> {
        assertThat(o.handlers()).containsExactly(Map.entry(0, "EBUSY"));
        assertThat(o.survived()).containsExactly("a");
        assertThat(o.killed()).isEmpty();
        assertThat(o.events().get("A")).isEqualTo(MemoryEventCounts.ZERO);
        assertThat(o.notified()).isEmpty();
        assertThat(o.overcharged()).isEmpty();
      });
    }
  }

  @Test
  void onV2TheWriterKillsTheTaskCountsOomAndOomKillAndSucceeds() throws Exception {
    Scenario sc = ScenarioLoader.load(Path.of("../scenarios/v2/05-shrink-max-kills.yaml"));
    for (String d : V2_DESIGNS) {
      Set<ModelOutcome> all = outcomes(sc, CgroupVersion.V2, d);
      assertThat(all).as(d).singleElement().satisfies(o -> {
        assertThat(o.handlers()).containsExactly(Map.entry(0, "ok"));
        assertThat(o.killed()).containsExactly("a");
        assertThat(o.events().get("A")).isEqualTo(new MemoryEventCounts(1, 1, 0));
        assertThat(o.notified()).containsExactly("A");
        assertThat(o.overcharged()).as("usage above a shrunk max is no forced charge").isEmpty();
      });
    }
    AllowedOutcomes a = AllowedOutcomes.explore(
        Designs.create("mainline6", ModelScenarios.from(sc, CgroupVersion.V2)), 1_000_000);
    assertThat(a.witness(a.entries().get(0))).anyMatch(l -> l.contains(
            "handler: sees a charged 32 units -> memory_max_write(A): xchg(memory.max) below usage"))
        .anyMatch(l -> l.contains("mem_cgroup_out_of_memory kills a"))
        .anyMatch(l -> l.contains("memory_max_write(A): usage <= max -> returns"));
  }

  /** big 20M then small 12M under A 64M; once small holds its 12M a handler sets A's limit to {@code limit}. */
  private static Scenario bigThenSmallShrunkTo(String limit) throws Exception {
    return scenario("""
            name: two
            cgroup: v2
            cgroups:
              A: { limit: 64M }
            tasks:
              big:   { cgroup: A, allocate: 20M }
              small: { cgroup: A, allocate: 12M, start: after big 20M }
            handlers:
              - { on: after small 12M, do: set-limit A %s }
            """.formatted(limit));
  }

  @Test
  void theWriterKillsLargestFirstAndStopsOnceUsageFits() throws Exception {
    assertThat(outcomes(bigThenSmallShrunkTo("16M"), CgroupVersion.V2, "mainline6")).singleElement().satisfies(o -> {
      assertThat(o.killed()).containsExactly("big");
      assertThat(o.survived()).containsExactly("small");
      assertThat(o.events().get("A").oomKill()).isEqualTo(1);
    });
    assertThat(outcomes(bigThenSmallShrunkTo("8M"), CgroupVersion.V2, "mainline6")).singleElement().satisfies(o -> {
      assertThat(o.killOrder()).containsExactly("big", "small");
      assertThat(o.events().get("A").oomKill()).isEqualTo(2);
      assertThat(o.handlers()).containsExactly(Map.entry(0, "ok"));
    });
  }

  @Test
  void withNoEligibleVictimTheV2WriteReturnsAndTheTaskSurvives() throws Exception {
    Scenario sc = scenario("""
            name: guarded
            cgroup: v2
            cgroups:
              A: { limit: 64M }
            tasks:
              a: { cgroup: A, allocate: 32M, oomScoreAdj: -1000 }
            handlers:
              - { on: after a 32M, do: set-limit A 16M }
            """);
    assertThat(outcomes(sc, CgroupVersion.V2, "mainline6")).singleElement().satisfies(o -> {
      assertThat(o.handlers()).containsExactly(Map.entry(0, "ok"));
      assertThat(o.survived()).containsExactly("a");
      assertThat(o.events().get("A")).isEqualTo(new MemoryEventCounts(1, 0, 0));
    });
  }

  @Test
  void aLimitAboveUsageIsAcceptedAndLaterChargesMeetIt() throws Exception {
    // The handler acts at any point after a reported 8M: below 24M it is accepted and a, still
    // growing, is OOM-killed at 24M; once a holds more than 24M, v1 answers EBUSY and a survives.
    Scenario sc = scenario("""
            name: race
            cgroups:
              A: { limit: 64M }
            tasks:
              a: { cgroup: A, allocate: 32M }
            handlers:
              - { on: after a 8M, do: set-limit A 24M }
            """);
    assertThat(outcomes(sc, CgroupVersion.V1, "mainline6"))
        .extracting(o -> o.handlers().get(0) + " " + o.killed())
        .containsExactlyInAnyOrder("ok [a]", "EBUSY []");
  }

  @Test
  void aHandlerArmedByAProgressReportStillActsAfterTheTaskDied() throws Exception {
    Scenario sc = scenario("""
            name: armed
            cgroups:
              A: { limit: 16M }
              B: { limit: 64M }
            tasks:
              a: { cgroup: A, allocate: 32M }
            handlers:
              - { on: after a 8M, do: raise-limit B 96M }
            """);
    assertThat(outcomes(sc, CgroupVersion.V1, "mainline6")).allSatisfy(o ->
        assertThat(o.handlers()).containsExactly(Map.entry(0, "ok")));
  }

  @Test
  void aShrunkLimitIsNoLimitViolationButConformanceComparesTheWriteResult() throws Exception {
    Scenario sc = ScenarioLoader.load(Path.of("../scenarios/v2/05-shrink-max-kills.yaml"));
    var model = Designs.create("mainline6", ModelScenarios.from(sc, CgroupVersion.V2));
    var r = ModelChecker.check(model, EnumSet.allOf(Invariant.class), 1_000_000);
    assertThat(r.violations()).doesNotContainKey(Invariant.LIMIT_RESPECTED);

    Outcome ebusy = new Outcome("shrink-max-kills", "6.1", CgroupVersion.V2, List.of(), List.of(), List.of("a"),
        List.of(), List.of(), Map.of("A", 0), Map.of("A", MemoryEventCounts.ZERO), Map.of("A", false),
        Map.of("A", false), Map.of(0, "EBUSY"));
    var v = Conformance.check(sc, ebusy, List.of("mainline6"), 1_000_000);
    assertThat(v).singleElement().satisfies(x ->
        assertThat(x.differences()).anySatisfy(d -> assertThat(d.field()).isEqualTo("handlers")));
  }
}
