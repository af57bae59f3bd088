package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import oomlab.model.outcome.VerdictKind;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;

class OutcomeDistributionTest {
  private static Outcome outcome(List<String> killed, int notifications) {
    return new Outcome("s", "k", CgroupVersion.V1, killed, killed, List.of(), List.of(), List.of(),
        Map.of("A", notifications), Map.of("A", new MemoryEventCounts(notifications, killed.size(), 0)),
        Map.of("A", false), Map.of("A", false));
  }

  private static List<Verdict> allowedBy(String design) {
    return List.of(new Verdict(design, VerdictKind.CONFORMS, 10, 2, List.of(), List.of()),
        new Verdict("other", VerdictKind.DIVERGES, 10, 2, List.of(), List.of()));
  }

  @Test
  void countsDistinctOutcomesMostFrequentFirstWithTheDesignsAllowingThem() {
    OutcomeDistribution d = new OutcomeDistribution();
    d.add(outcome(List.of("big", "small"), 2), allowedBy("mainline6"));
    d.add(outcome(List.of("big"), 1), allowedBy("mainline6"));
    d.add(outcome(List.of("big"), 1), allowedBy("mainline6"));
    assertThat(d.total()).isEqualTo(3);
    assertThat(d.rows()).extracting(OutcomeDistribution.Row::count).containsExactly(2, 1);
    assertThat(d.rows().getFirst().share()).isEqualTo(2.0 / 3);
    assertThat(d.rows().getFirst().allowedBy()).containsExactly("mainline6");
    assertThat(d.table()).anySatisfy(l -> assertThat(l).contains("66.7%").contains("killed [big]"));
  }

  @Test
  void notificationCountsAreOneOutcomeAsTheModelComparesThem() {
    OutcomeDistribution d = new OutcomeDistribution();
    d.add(outcome(List.of("big"), 1), allowedBy("mainline6"));
    d.add(outcome(List.of("big"), 143), allowedBy("mainline6"));
    assertThat(d.rows()).singleElement().extracting(OutcomeDistribution.Row::count).isEqualTo(2);
  }
}
