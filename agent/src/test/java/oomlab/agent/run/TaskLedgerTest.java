package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskLedgerTest {
  private static final long SETTLE = 300;

  private static TaskLedger threeTasks() {
    TaskLedger ledger = new TaskLedger(List.of("done", "dead", "stuck"));
    ledger.started("done", 0);
    ledger.started("dead", 0);
    ledger.started("stuck", 0);
    ledger.get("done").done = true;
    ledger.get("dead").exited = true;
    ledger.progressed("stuck", 4096, 100);
    return ledger;
  }

  @Test
  void aRunIsQuiescentWhenEveryTaskIsDoneExitedOrStalledAndHeldByTheKernel() {
    TaskLedger ledger = threeTasks();
    assertThat(ledger.quiescent(399, 0, SETTLE, e -> true)).isFalse();
    assertThat(ledger.quiescent(400, 0, SETTLE, e -> true)).isTrue();
    assertThat(ledger.stalled(400, 0, SETTLE)).extracting(e -> e.task).containsExactly("stuck");
  }

  @Test
  void aStalledTaskWithoutEvidenceIsOnlySlowAndKeepsTheRunGoing() {
    assertThat(threeTasks().quiescent(10_000, 0, SETTLE, e -> false)).isFalse();
  }

  @Test
  void anyEventOfTheRunRestartsTheSettleTime() {
    TaskLedger ledger = threeTasks();
    assertThat(ledger.stalled(400, 200, SETTLE)).isEmpty();
    assertThat(ledger.stalled(500, 200, SETTLE)).hasSize(1);
  }

  @Test
  void aTaskNotStartedYetKeepsTheRunGoing() {
    TaskLedger ledger = new TaskLedger(List.of("waiting"));
    assertThat(ledger.quiescent(10_000, 0, SETTLE, e -> true)).isFalse();
    assertThat(ledger.stalled(10_000, 0, SETTLE)).isEmpty();
  }
}
