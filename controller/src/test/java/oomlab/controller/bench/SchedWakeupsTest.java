package oomlab.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing a tracefs instance's trace and pairing a listener's stamp with its thread's waking. */
class SchedWakeupsTest {
  // The shape of 6.18's sched_waking and sched_switch lines with trace_clock mono (this host).
  private static final List<String> TRACE = List.of(
      "# tracer: nop",
      "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
      "  oomlab-baseline-4242  [001] d..2.  1500.000100: sched_waking: comm=oomlab-oom-list pid=777 prio=120 target_cpu=000",
      "  oomlab-baseline-4242  [001] d..2.  1500.000102: sched_waking: comm=oomlab-baselin pid=888 prio=120 target_cpu=001",
      "          <idle>-0      [001] d..2.  1500.000110: sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 "
          + "prev_state=R ==> next_comm=oomlab-baselin next_pid=888 next_prio=120",
      "            java-123    [000] d..2.  1500.000160: sched_switch: prev_comm=java prev_pid=123 prev_prio=120 "
          + "prev_state=S ==> next_comm=oomlab-oom-list next_pid=777 next_prio=120",
      "  oomlab-baseline-4242  [001] d..2.  1500.900000: sched_waking: comm=oomlab-oom-list pid=777 prio=120 target_cpu=000");
  private static final long AT = 1500L * 1_000_000_000L;

  @Test
  void wakingsAndSwitchInsAreReadWithTheirThreadAndInstant() {
    List<SchedWakeups.Waking> w = SchedWakeups.parse(TRACE);
    assertThat(w).containsExactly(
        new SchedWakeups.Waking(777, AT + 100_000, false), new SchedWakeups.Waking(888, AT + 102_000, false),
        new SchedWakeups.Waking(888, AT + 110_000, true), new SchedWakeups.Waking(777, AT + 160_000, true),
        new SchedWakeups.Waking(777, AT + 900_000_000L, false));
  }

  @Test
  void aStampIsHeldAgainstItsThreadsLastWakingBeforeIt() {
    List<SchedWakeups.Waking> w = SchedWakeups.parse(TRACE);
    // the Java listener stamped 180 µs after its waking, 60 of them waiting for a CPU
    assertThat(SchedWakeups.latency(w, 777, AT + 180_000)).hasValue(80_000L);
    assertThat(SchedWakeups.runDelay(w, 777, AT + 180_000)).hasValue(60_000L);
    assertThat(SchedWakeups.latency(w, 888, AT + 115_000)).hasValue(13_000L);
    assertThat(SchedWakeups.runDelay(w, 888, AT + 115_000)).hasValue(8_000L);
    // the later waking is after this stamp: not its waking; no waking at all for another thread
    assertThat(SchedWakeups.latency(w, 777, AT + 200_000)).hasValue(100_000L);
    assertThat(SchedWakeups.latency(w, 999, AT + 200_000)).isEmpty();
    // a waking more than 100 ms before the stamp is not this wake-up's
    assertThat(SchedWakeups.latency(w, 888, AT + 500_000_000L)).isEmpty();
  }
}
