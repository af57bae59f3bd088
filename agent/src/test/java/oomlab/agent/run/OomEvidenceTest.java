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

  /** 6.1 v1 oom-kill-disable-raise-limit: the hog woke after the raise, but the old OOM made it "blocked". */
  @Test
  void anOomNotifiedBeforeAHandlerActedIsNoEvidenceAfterIt() {
    OomEvidence e = new OomEvidence();
    e.notified("A", 10);
    e.handlerActed(20);
    assertThat(e.holds("A")).isFalse();
    e.notified("A", 30);
    assertThat(e.holds("A")).isTrue();
  }

  /** 6.1 v2 shared-mm: the third task, still charging after the sharers died, came out blocked. */
  @Test
  void anOomNotifiedBeforeItsVictimExitedIsNoEvidenceAfterIt() {
    OomEvidence e = new OomEvidence();
    e.notified("A", 10);
    e.victimExited(20);
    assertThat(e.holds("A")).isFalse();
    e.notified("A", 30);
    assertThat(e.holds("A")).isTrue();
  }
}
