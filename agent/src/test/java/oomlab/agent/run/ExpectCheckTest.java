package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Expect;
import org.junit.jupiter.api.Test;

class ExpectCheckTest {
  private static Outcome outcome(List<String> killed, List<String> survived, List<String> blocked) {
    return new Outcome("s", "k", CgroupVersion.V1, killed, killed, survived, blocked, List.of(), Map.of(), Map.of(),
        Map.of(), Map.of());
  }

  @Test
  void holdsWhenEveryNamedTaskIsWhereTheExpectationPutsIt() {
    Expect e = new Expect(List.of("big"), List.of("small"), List.of());
    assertThat(ExpectCheck.differences(e, outcome(List.of("big", "other"), List.of("small"), List.of()))).isEmpty();
  }

  @Test
  void namesEachTaskThatWentElsewhere() {
    Expect e = new Expect(List.of("big"), List.of("small"), List.of("hog"));
    assertThat(ExpectCheck.differences(e, outcome(List.of("small"), List.of("big", "hog"), List.of())))
        .containsExactly("expected big killed, but it survived", "expected small survived, but it was killed",
            "expected hog blocked, but it survived");
  }
}
