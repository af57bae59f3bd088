package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oomlab.agent.trace.TraceEvent;
import oomlab.agent.trace.TraceEvent.FinishReason;
import oomlab.agent.trace.TraceEvent.Killer;
import oomlab.agent.trace.TraceReader;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;

/** The outcome of recorded traces (kernel 6.18, cgroup v1, recorded by oomlab run on this host). */
class OutcomeDeriverTest {
  private static List<TraceEvent> recorded(String name) throws IOException {
    return TraceReader.read(Path.of("src/test/resources/traces", name + "-6.18-v1.jsonl"));
  }

  @Test
  void aHogKilledByTheMemcgOomKillerIsKilledAndCounted() throws IOException {
    Outcome o = OutcomeDeriver.derive(recorded("hog-over-limit"));
    assertThat(o.scenario()).isEqualTo("hog-over-limit");
    assertThat(o.kernel()).isEqualTo("6.18.44-fc-v782");
    assertThat(o.cgroupVersion()).isEqualTo(CgroupVersion.V1);
    assertThat(o.killed()).containsExactly("hog");
    assertThat(o.killOrder()).containsExactly("hog");
    assertThat(o.survived()).isEmpty();
    assertThat(o.notifications()).containsExactly(Map.entry("A", 1));
    assertThat(o.events()).containsExactly(Map.entry("A", new MemoryEventCounts(1, 1, 0)));
    assertThat(o.underOomSeen()).containsExactly(Map.entry("A", false));
  }

  @Test
  void theTeardownKillOfABlockedTaskIsNotAKill() throws IOException {
    Outcome o = OutcomeDeriver.derive(recorded("oom-kill-disable-blocked"));
    assertThat(o.blocked()).containsExactly("hog");
    assertThat(o.killed()).isEmpty();
    assertThat(o.survived()).isEmpty();
    assertThat(o.underOomSeen()).containsExactly(Map.entry("A", true));
    assertThat(o.events().get("A").oomKill()).isZero();
  }

  @Test
  void aHandlersKillCountsAsKilledAndTheWokenHogSurvives() throws IOException {
    Outcome o = OutcomeDeriver.derive(recorded("oom-kill-disable-handler-kills"));
    assertThat(o.killed()).containsExactly("idle");
    assertThat(o.survived()).containsExactly("hog");
    assertThat(o.notifications()).containsEntry("A", 2);
  }

  @Test
  void everyCgroupOfTheRunIsInEveryMapAndV1CountsKillsWhereTheVictimLives() throws IOException {
    Outcome o = OutcomeDeriver.derive(recorded("hierarchy"));
    assertThat(o.killed()).containsExactly("resident");
    assertThat(o.survived()).containsExactly("grower");
    assertThat(o.notifications()).containsOnlyKeys("P", "P/a", "P/b");
    assertThat(o.overcharged()).containsOnlyKeys("P", "P/a", "P/b");
    // v1 counts oom_kill locally, in the victim's memcg, not in the memcg that hit its limit
    assertThat(o.events().get("P").oomKill()).isZero();
    assertThat(o.events().get("P/a").oomKill()).isEqualTo(1);
  }

  @Test
  void killOrderFollowsTheKernelReportsNotTheExits() {
    Outcome o = OutcomeDeriver.derive(List.of(
        new TraceEvent.RunStarted(0, "s", "k", CgroupVersion.V2, "local"),
        new TraceEvent.CgroupCreated(1, "A", "/x/A"),
        new TraceEvent.TaskStarted(2, "a", 10, "A", null),
        new TraceEvent.TaskStarted(3, "b", 11, "A", null),
        new TraceEvent.KernelOomKill(100, 11, "oomlab-workload", "/x/A", "/x/A", "CONSTRAINT_MEMCG", 1, 0),
        new TraceEvent.KernelOomKill(110, 10, "oomlab-workload", "/x/A", "/x/A", "CONSTRAINT_MEMCG", 1, 0),
        new TraceEvent.TaskExited(120, "a", 10, null, 9, Killer.KERNEL),
        new TraceEvent.TaskExited(130, "b", 11, null, 9, Killer.KERNEL),
        new TraceEvent.MemoryEvents(140, "A", Map.of("oom", 2L, "oom_kill", 2L), Map.of()),
        new TraceEvent.RunFinished(150, FinishReason.QUIESCENT)));
    assertThat(o.killOrder()).containsExactly("b", "a");
    assertThat(o.events()).containsEntry("A", new MemoryEventCounts(2, 2, 0));
  }

  /**
   * 7.2 v2 shared-mm (recorded in a 7.2 guest, run 7 of 8): the kernel reports {@code b}, SIGKILLs
   * its sharer {@code a} in the same {@code __oom_kill_process}, then reports {@code other} 55 ms
   * later, 8 ms before {@code a}'s exit is seen: {@code a} was killed with {@code b}, so it comes
   * second, not last (ordered by its exit it came last, "allowed by no design").
   */
  @Test
  void aSharerWithoutAReportOfItsOwnIsKilledAtItsMmsFirstReport() throws IOException {
    Outcome o = OutcomeDeriver.derive(TraceReader.read(Path.of("src/test/resources/traces/shared-mm-7.2-v2.jsonl")));
    assertThat(o.killed()).containsExactlyInAnyOrder("a", "b", "other");
    assertThat(o.killOrder()).containsExactly("b", "a", "other");
    assertThat(o.events().get("A").oomKill()).isEqualTo(2);
  }

  /**
   * 5.10 v2 oom-group-spares-minus-1000 (recorded in a 5.10 guest): one printk timestamp for the
   * whole group kill, and the walk's report of {@code other} stamped 1.3 us before the victim
   * {@code big}'s; the kill order is kmsg's, victim first.
   */
  @Test
  void kernelReportsKeepTheirKmsgOrderWhenTheirStampsStepBack() throws IOException {
    Outcome o = OutcomeDeriver.derive(TraceReader.read(Path.of("src/test/resources/traces/oom-group-spares-minus-1000-5.10-v2.jsonl")));
    assertThat(o.killOrder()).containsExactly("big", "other");
  }

  @Test
  void aSharerKilledWithItsVictimFollowsItEvenWhenTheReportIsReadAfterItsExit() {
    Outcome o = OutcomeDeriver.derive(List.of(
        new TraceEvent.RunStarted(0, "s", "k", CgroupVersion.V2, "local"),
        new TraceEvent.CgroupCreated(1, "A", "/x/A"),
        new TraceEvent.TaskStarted(2, "a", 10, "A", null),
        new TraceEvent.TaskStarted(3, "b", 11, "A", "a"),
        new TraceEvent.TaskStarted(4, "c", 12, "A", null),
        new TraceEvent.TaskExited(90, "a", 10, null, 9, Killer.KERNEL),
        new TraceEvent.KernelOomKill(100, 11, "oomlab-workload", "/x/A", "/x/A", "CONSTRAINT_MEMCG", 1, 0),
        new TraceEvent.KernelOomKill(110, 12, "oomlab-workload", "/x/A", "/x/A", "CONSTRAINT_MEMCG", 1, 0),
        new TraceEvent.TaskExited(120, "c", 12, null, 9, Killer.KERNEL),
        new TraceEvent.TaskExited(130, "b", 11, null, 9, Killer.KERNEL),
        new TraceEvent.RunFinished(150, FinishReason.QUIESCENT)));
    assertThat(o.killOrder()).containsExactly("b", "a", "c");
  }

  @Test
  void aTaskThatExitedByItselfIsNeitherKilledNorSurvived() {
    Outcome o = OutcomeDeriver.derive(List.of(
        new TraceEvent.RunStarted(0, "s", "k", CgroupVersion.V1, "local"),
        new TraceEvent.TaskStarted(2, "a", 10, "A", null),
        new TraceEvent.TaskEnomem(3, "a", 10, 4096),
        new TraceEvent.TaskExited(4, "a", 10, 0, null, null),
        new TraceEvent.RunFinished(5, FinishReason.QUIESCENT)));
    assertThat(o.killed()).isEmpty();
    assertThat(o.survived()).isEmpty();
    assertThat(o.enomem()).containsExactly("a");
  }

  @Test
  void aTraceWithoutRunStartedIsRefused() {
    assertThatThrownBy(() -> OutcomeDeriver.derive(List.of(new TraceEvent.RunFinished(5, FinishReason.QUIESCENT))))
        .hasMessageContaining("run_started");
  }

  @Test
  void anAcceptedV2ShrinkIsOkAndItsUsageAboveTheNewMaxIsNoOvercharge() {
    long m = 1 << 20;
    Outcome o = OutcomeDeriver.derive(List.of(
        new TraceEvent.RunStarted(0, "s", "6.1", CgroupVersion.V2, "vm:6.1"),
        new TraceEvent.CgroupCreated(1, "A", "/x/A"),
        new TraceEvent.TaskStarted(2, "a", 10, "A", null),
        new TraceEvent.CgroupUsage(40, "A", 32 * m, 32 * m, 64 * m),
        new TraceEvent.HandlerStarted(50, 0, "set-limit A 16M"),
        new TraceEvent.CgroupUsage(60, "A", 32 * m, 32 * m, 16 * m),
        new TraceEvent.KernelOomKill(70, 10, "oomlab-workload", "/x/A", "/x/A", "CONSTRAINT_MEMCG", 32768, 0),
        new TraceEvent.TaskExited(80, "a", 10, null, 9, Killer.KERNEL),
        new TraceEvent.HandlerAction(90, 0, "set-limit A 16M", "ok", null),
        new TraceEvent.CgroupUsage(95, "A", 0, 32 * m, 16 * m),
        new TraceEvent.RunFinished(100, FinishReason.QUIESCENT)));
    assertThat(o.handlers()).containsExactly(Map.entry(0, "ok"));
    assertThat(o.killed()).containsExactly("a");
    assertThat(o.overcharged()).containsExactly(Map.entry("A", false));
  }

  @Test
  void aRefusedV1ShrinkIsItsErrnoAndTheUsageReadsStillCount() {
    long m = 1 << 20;
    Outcome o = OutcomeDeriver.derive(List.of(
        new TraceEvent.RunStarted(0, "s", "6.18", CgroupVersion.V1, "local"),
        new TraceEvent.CgroupCreated(1, "A", "/x/A"),
        new TraceEvent.TaskStarted(2, "a", 10, "A", null),
        new TraceEvent.HandlerStarted(50, 0, "set-limit A 16M"),
        new TraceEvent.HandlerAction(60, 0, "set-limit A 16M", "EBUSY", "write /x/A/memory.limit_in_bytes: EBUSY"),
        new TraceEvent.CgroupUsage(70, "A", 80 * m, 80 * m, 64 * m),
        new TraceEvent.RunFinished(100, FinishReason.QUIESCENT)));
    assertThat(o.handlers()).containsExactly(Map.entry(0, "EBUSY"));
    assertThat(o.survived()).containsExactly("a");
    assertThat(o.overcharged()).containsExactly(Map.entry("A", true));
  }

  @Test
  void aWriteStillBlockedAtTheEndIsPendingAndOnlyLimitWritesHaveAResult() {
    Outcome o = OutcomeDeriver.derive(List.of(
        new TraceEvent.RunStarted(0, "s", "6.1", CgroupVersion.V2, "vm:6.1"),
        new TraceEvent.TaskStarted(2, "a", 10, "A", null),
        new TraceEvent.HandlerAction(10, 0, "kill a", "ESRCH", "kill 10: ESRCH"),
        new TraceEvent.HandlerAction(20, 1, "raise-limit A 96M", null, null),
        new TraceEvent.HandlerStarted(50, 2, "set-limit A 16M"),
        new TraceEvent.RunFinished(100, FinishReason.TIMEOUT),
        new TraceEvent.HandlerAction(110, 2, "set-limit A 16M", "ok", null)));
    assertThat(o.handlers()).containsExactly(Map.entry(1, "ok"), Map.entry(2, "pending"));
  }
}
