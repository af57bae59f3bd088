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
 * Verdicts hold a design only to what its era had, say which fields they compared, and a design
 * whose exploration throws gets {@code error} while the others are judged all the same.
 */
class ComparedFieldsTest {
  private static Scenario load(String file) throws Exception {
    return ScenarioLoader.load(Path.of("../scenarios/" + file));
  }

  /** A v2 run of hog-over-limit as a 6.1 guest reports it: one notification, oom 1, oom_kill 1. */
  private static Outcome v2Hog() {
    return new Outcome("hog-over-limit", "6.1.0-50-amd64", CgroupVersion.V2, List.of("hog"), List.of("hog"), List.of(),
        List.of(), List.of(), Map.of("A", 1), Map.of("A", new MemoryEventCounts(1, 1, 0)), Map.of("A", false), Map.of());
  }

  @Test
  void aDesignOlderThanCgroupV2IsNotHeldToV2NotificationsOrCounters() throws Exception {
    List<Verdict> v = Conformance.check(load("basic/01-hog-over-limit.yaml"), v2Hog(),
        List.of("mainline-6.1", "kamezawa2010", "oomlock3x", "hocko2018"), 100_000);
    assertThat(v).allSatisfy(x -> assertThat(x.verdict()).as(x.design()).isEqualTo(VerdictKind.CONFORMS));
    assertThat(v.get(0).compared()).contains("notifications", "events.oom", "events.oom_kill", "events.oom_group_kill");
    assertThat(v.get(1).compared()).contains("killed", "killOrder", "survived")
        .doesNotContain("notifications", "events.oom", "events.oom_kill");
    assertThat(v.get(3).compared()).contains("notifications", "events.oom_kill").doesNotContain("events.oom_group_kill");
  }

  @Test
  void aDesignWithoutMemoryOomGroupIsNotComparableOnAGroupScenario() throws Exception {
    Outcome groupKill = new Outcome("oom-group-leaf", "6.1.0-50-amd64", CgroupVersion.V2, List.of("a", "b"),
        List.of("b", "a"), List.of(), List.of(), List.of(), Map.of("A", 1), Map.of("A", new MemoryEventCounts(1, 3, 1)),
        Map.of("A", false), Map.of());
    List<Verdict> v = Conformance.check(load("v2/01-oom-group-leaf.yaml"), groupKill, List.of("davydov2015"), 100_000);
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.verdict()).isEqualTo(VerdictKind.NOT_COMPARABLE);
      assertThat(x.compared()).isEmpty();
      assertThat(x.message()).contains("memory.oom.group");
    });
  }

  @Test
  void aDesignWhoseExplorationThrowsGetsErrorAndTheOthersAreJudged() throws Exception {
    var cache = AllowedOutcomesCache.forRun((model, max) -> {
      if (model.name().equals("oomlock3x")) throw new ArrayIndexOutOfBoundsException("Index 226 out of bounds for length 45");
      return AllowedOutcomes.explore(model, max);
    });
    List<Verdict> v = Conformance.check(load("basic/01-hog-over-limit.yaml"), v2Hog(),
        List.of("mainline-6.1", "oomlock3x", "hocko2018"), 100_000, cache);
    assertThat(v).extracting(Verdict::verdict)
        .containsExactly(VerdictKind.CONFORMS, VerdictKind.ERROR, VerdictKind.CONFORMS);
    assertThat(v.get(1).message()).startsWith("ArrayIndexOutOfBoundsException: Index 226 out of bounds for length 45");
  }

  @Test
  void everyRepetitionIsHeldAgainstOneExplorationPerDesignAndHierarchy() throws Exception {
    var cache = AllowedOutcomesCache.forRun();
    Scenario hog = load("basic/01-hog-over-limit.yaml");
    for (int k = 0; k < 5; k++) Conformance.check(hog, v2Hog(), List.of("mainline-6.1", "hocko2018"), 100_000, cache);
    assertThat(cache.explorations()).isEqualTo(2);
    Conformance.check(load("basic/02-largest-of-several.yaml"), v2Hog(), List.of("mainline-6.1"), 100_000, cache);
    Conformance.check(hog, v2Hog(), List.of("mainline-6.1"), 100_000, cache);
    assertThat(cache.explorations()).as("only the scenario last asked about is kept").isEqualTo(4);
  }
}
