package oomlab.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import oomlab.model.design.Designs;
import oomlab.model.explore.ModelScenario;
import org.junit.jupiter.api.Test;

/** Nishimura's review of seed 004: the first version loses a wake-up, the fixed one does not. */
class LostWakeupTest {
  /** Two equal tasks race into the OOM of one memcg (near-tie: either may be the victim). */
  static ModelScenario twoRacers() {
    return ModelScenario.builder("two-racers")
        .memcg("A", 8)
        .task("t1", "A", 6, 0)
        .task("t2", "A", 6, 0)
        .nearTie(1)
        .build();
  }

  @Test
  void kamezawa2010LosesTheWakeupOfTheSecondOomTask() {
    var r = ModelChecker.check(Designs.create("kamezawa2010", twoRacers()),
        EnumSet.of(Invariant.NO_LOST_WAKEUP), 1_000_000);
    assertThat(r.complete()).isTrue();
    Violation v = r.violations().get(Invariant.NO_LOST_WAKEUP);
    assertThat(v).isNotNull();
    String trace = String.join("\n", v.trace());
    // The race: one task becomes the killer and kills itself, the other goes to sleep on
    // memcg_oom_waitq, the killer clears oom_count without memcg_oom_wake(), and the uncharge of
    // its exit sees no OOM any more, so it wakes nobody.
    assertThat(trace).contains("first OOM killer in the subtree");
    assertThat(trace).containsPattern("t2: .*sleeps on memcg_oom_waitq|t2: .*schedule\\(\\) on memcg_oom_waitq");
    assertThat(trace).contains("unset_memcg_oom_cb): oom_count = 0, no wake-up");
    assertThat(trace.indexOf("no wake-up")).isLessThan(trace.indexOf("exit_mm: uncharges"));
    assertThat(trace).contains("t2 sleeps forever");
  }

  @Test
  void kamezawa2010FixedWakesEveryWaiter() {
    var r = ModelChecker.check(Designs.create("kamezawa2010-fixed", twoRacers()),
        EnumSet.allOf(Invariant.class), 1_000_000);
    assertThat(r.complete()).isTrue();
    assertThat(r.violations()).doesNotContainKey(Invariant.NO_LOST_WAKEUP);
    assertThat(r.violations()).doesNotContainKey(Invariant.NO_DEADLOCK);
  }
}
