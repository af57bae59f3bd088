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

  @Test
  void aLimitWriteResultIsCheckedAgainstTheOutcomesHandlers() {
    Expect expect = new Expect(List.of(), List.of("a"), List.of(), Map.of(0, "EBUSY", 1, "ok"));
    Outcome busy = new Outcome("s", "6.18.0", CgroupVersion.V1, List.of(), List.of(), List.of("a"), List.of(),
        List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(0, "EBUSY", 1, "ok"));
    Outcome accepted = new Outcome("s", "6.1.0", CgroupVersion.V2, List.of(), List.of(), List.of("a"), List.of(),
        List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(0, "ok"));

    assertThat(ExpectationCheck.failures(expect, busy)).isEmpty();
    assertThat(ExpectationCheck.failures(expect, accepted))
        .containsExactly("handlers[0]: expected EBUSY, was ok", "handlers[1]: expected ok, was not made");
  }
}
