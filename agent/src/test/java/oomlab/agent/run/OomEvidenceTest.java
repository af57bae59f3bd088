package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OomEvidenceTest {
  @Test
  void anOomOfTheCgroupOrAnAncestorHoldsItsTasks() {
    OomEvidence e = new OomEvidence();
    assertThat(e.holds("P/a")).isFalse();
    e.notified("P", 10);
    assertThat(e.holds("P/a")).isTrue();
    assertThat(e.holds("P")).isTrue();
    assertThat(e.holds("Q")).isFalse();
  }

  /**
   * 6.1 v1 oom-kill-disable-raise-limit (a handler raised the limit) and 6.1 v2 shared-mm (the
   * victims exited): the task still charging came out "blocked" on the old notification.
   */
  @Test
  void anOomNotifiedBeforeItWasResolvedIsNoEvidenceAfterIt() {
    OomEvidence e = new OomEvidence();
    e.notified("A", 10);
    e.resolved(20);
    assertThat(e.holds("A")).isFalse();
    e.notified("A", 30);
    assertThat(e.holds("A")).isTrue();
  }
}
