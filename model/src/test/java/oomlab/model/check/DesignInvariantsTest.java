package oomlab.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import oomlab.model.design.Designs;
import oomlab.model.explore.ModelScenario;
import org.junit.jupiter.api.Test;

/** What issue 5 asks the model to show, design by design. */
class DesignInvariantsTest {
  /** Every task at oom_score_adj -1000: the OOM killer has nobody to kill. */
  static ModelScenario allUnkillable() {
    return ModelScenario.builder("all-minus-1000")
        .memcg("A", 16)
        .task("holder", "A", 8, -1000)
        .task("hog", "A", 32, -1000, ModelScenario.Mode.TOUCH, "holder", 8)
        .nearTie(1)
        .build();
  }

  /**
   * Three memcgs (a parent, two children) and three tasks racing into OOMs at both levels; t1's
   * memory is mlocked, so the oom_reaper cannot free it (seed 001).
   */
  static ModelScenario threeByThree() {
    return ModelScenario.builder("three-by-three")
        .memcg("P", 12)
        .memcg("P/a", 8)
        .memcg("P/b", 8)
        .task("t1", "P/a", 6, 0, ModelScenario.Mode.MLOCK, null, 0)
        .task("t2", "P/a", 6, 0)
        .task("t3", "P/b", 6, 0)
        .nearTie(1)
        .build();
  }

  @Test
  void hocko2018ForceChargesOverTheLimitWhenNoTaskIsEligible() {
    var r = ModelChecker.check(Designs.create("hocko2018", allUnkillable()), EnumSet.allOf(Invariant.class), 1_000_000);
    assertThat(r.complete()).isTrue();
    Violation v = r.violations().get(Invariant.LIMIT_RESPECTED);
    assertThat(v).isNotNull();
    assertThat(String.join("\n", v.trace()))
        .contains("hog: mem_cgroup_out_of_memory(A) -> select_bad_process finds no victim")
        .contains("hog: try_charge force-charges A over its limit");
    assertThat(r.violations()).doesNotContainKey(Invariant.PROGRESS);
  }

  @Test
  void mainline6RetriesTheFaultForeverAndKillsNobody() {
    var model = Designs.create("mainline6", allUnkillable());
    var r = ModelChecker.check(model, EnumSet.allOf(Invariant.class), 1_000_000);
    assertThat(r.complete()).isTrue();
    Violation v = r.violations().get(Invariant.PROGRESS);
    assertThat(v).isNotNull();
    String trace = String.join("\n", v.trace());
    assertThat(trace).contains("then forever:").contains("pagefault_out_of_memory() returns, the fault is retried");
    assertThat(r.violations()).doesNotContainKey(Invariant.LIMIT_RESPECTED);
    var outcomes = AllowedOutcomes.of(model, r.exploration());
    assertThat(outcomes.entries()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.outcome().killed()).isEmpty();
      assertThat(e.outcome().blocked()).containsExactly("hog");
    });
  }

  @Test
  void davydov2015KeepsOomExclusionAndKillsNoSecondVictimOnThreeByThree() {
    var r = ModelChecker.check(Designs.create("davydov2015", threeByThree()),
        EnumSet.of(Invariant.OOM_EXCLUSION, Invariant.NO_OVERKILL), 5_000_000);
    assertThat(r.complete()).isTrue();
    assertThat(r.exploration().states()).isGreaterThan(1000);
    assertThat(r.violations()).isEmpty();
  }

  @Test
  void mainline6DoesKillASecondVictimOnThreeByThreeSoTheCheckIsNotVacuous() {
    // Same scenario, a design without Davydov's wait for the victim: once the reaper has set
    // MMF_OOM_SKIP on the mlocked victim, select_bad_process skips it and kills another.
    var r = ModelChecker.check(Designs.create("mainline6", threeByThree()),
        EnumSet.of(Invariant.NO_OVERKILL), 5_000_000);
    assertThat(r.violations()).containsKey(Invariant.NO_OVERKILL);
  }
}
