package oomlab.model.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Expect;
import org.junit.jupiter.api.Test;

class ExpectationCheckTest {

  private static Outcome outcome(List<String> killed, List<String> survived, List<String> blocked) {
    return new Outcome("s", "6.18.0", CgroupVersion.V1, killed, killed, survived, blocked, List.of(),
        Map.of(), Map.of(), Map.of(), Map.of());
  }

  @Test
  void anOutcomeMeetingTheExpectationHasNoFailures() {
    Expect expect = new Expect(List.of("big"), List.of("small"), List.of("stuck"));

    assertThat(ExpectationCheck.failures(expect, outcome(List.of("big", "other"), List.of("small"), List.of("stuck"))))
        .isEmpty();
  }

  @Test
  void eachMismatchIsOneLineNamingTheTaskAndBothFates() {
    Expect expect = new Expect(List.of("big"), List.of("small"), List.of("stuck"));

    assertThat(ExpectationCheck.failures(expect, outcome(List.of("small"), List.of("big"), List.of())))
        .containsExactly("big: expected killed, was survived", "small: expected survived, was killed",
            "stuck: expected blocked, was not in the outcome");
  }
}
