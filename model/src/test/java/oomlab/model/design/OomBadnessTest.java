package oomlab.model.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.explore.ModelScenario;
import org.junit.jupiter.api.Test;

class OomBadnessTest {
  @Test
  void pointsAreRssPlusAdjTimesTotalpagesPerThousand() {
    // 48M limit = 12288 pages: adj 1000 adds 12 * 1000 pages, truncated like the kernel.
    assertThat(OomBadness.points(5120, 1000, 12288, false)).isEqualTo(5120 + 12_000);
    assertThat(OomBadness.points(5120, -500, 12288, false)).isEqualTo(5120 - 6_000);
    // totalpages / 1000 truncates before the multiplication: 999 pages give no adj at all.
    assertThat(OomBadness.points(10, 1000, 999, false)).isEqualTo(10);
  }

  @Test
  void minus1000IsNeverEligible() {
    assertThat(OomBadness.points(1 << 20, -1000, 12288, false)).isEqualTo(OomBadness.UNKILLABLE);
    assertThat(VictimSelection.choose(new long[] {OomBadness.UNKILLABLE}, 1, 0, TieRule.LAST)).isEmpty();
  }

  @Test
  void negativePointsStayNegativeIn61AndAreClampedToOneBefore() {
    assertThat(OomBadness.points(100, -999, 12288, false)).isEqualTo(100 - 999 * 12);
    assertThat(OomBadness.points(100, -999, 12288, true)).isEqualTo(1);
  }

  @Test
  void exactTiesFollowTheErasRule() {
    long[] p = {7, 9, 9, 3};
    assertThat(VictimSelection.choose(p, 4, 0, TieRule.FIRST)).containsExactly(1);
    assertThat(VictimSelection.choose(p, 4, 0, TieRule.LAST)).containsExactly(2);
  }

  @Test
  void nearTiesWithinTheToleranceAreAllPossibleVictims() {
    long[] p = {7, 9, 10, 3};
    assertThat(VictimSelection.choose(p, 4, 3, TieRule.LAST)).containsExactly(0, 1, 2);
    assertThat(VictimSelection.choose(p, 4, 1, TieRule.FIRST)).containsExactly(1, 2);
  }

  @Test
  void tieRuleDecidesTheVictimOfTwoEqualTasksInTheModel() {
    // a and b hold 4 units each when c, which cannot be killed, fails its charge; no tolerance.
    ModelScenario sc = ModelScenario.builder("tie")
        .memcg("A", 10)
        .task("a", "A", 4, 0)
        .task("b", "A", 4, 0, ModelScenario.Mode.TOUCH, "a", 4)
        .task("c", "A", 4, -1000, ModelScenario.Mode.TOUCH, "b", 4)
        .build();
    assertThat(firstVictims(Designs.create("mainline6", sc))).containsExactly("b");
    assertThat(firstVictims(Designs.create("mainline-5.10", sc))).containsExactly("b");
    assertThat(firstVictims(Designs.create("hocko2018", sc))).containsExactly("a");
  }

  private static List<String> firstVictims(MemcgModel model) {
    return AllowedOutcomes.explore(model, 100_000).entries().stream()
        .map(e -> e.outcome().killOrder().get(0)).distinct().toList();
  }
}
