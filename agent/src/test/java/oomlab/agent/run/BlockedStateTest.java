package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The /proc parsers behind "dying, not blocked", on text copied from this host (6.18). */
class BlockedStateTest {
  private static final String STAT = "18960 (cat) R 18958 18958 3618 0 -1 4194304 98 0 0 0 0 0 0 0 20 0 1 0 280296"
      + " 3133440 376 18446744073709551615 93891803750400 93891803770281 140732910543344 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

  @Test
  void theFlagsFieldComesAfterTheCommEvenWhenTheCommHasSpacesAndParentheses() {
    assertThat(BlockedState.flagsOfStat(STAT)).isEqualTo(4194304L);
    assertThat(BlockedState.flagsOfStat(STAT.replace("(cat)", "(a) b (c)"))).isEqualTo(4194304L);
    assertThat(BlockedState.flagsOfStat(STAT.replace("4194304", "4194308")) & 0x4).as("PF_EXITING").isEqualTo(4);
  }

  @Test
  void aPendingSigkillInTheThreadOrTheGroupMarksTheTaskDying() {
    String none = "State:\tR (running)\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n";
    assertThat(BlockedState.sigkillPending(none)).isFalse();
    assertThat(BlockedState.sigkillPending(none.replace("ShdPnd:\t0000000000000000", "ShdPnd:\t0000000000000100"))).isTrue();
    assertThat(BlockedState.sigkillPending(none.replace("SigPnd:\t0000000000000000", "SigPnd:\t0000000000000100"))).isTrue();
    assertThat(BlockedState.sigkillPending(none.replace("SigPnd:\t0000000000000000", "SigPnd:\t0000000000004000")))
        .as("SIGTERM only").isFalse();
  }

  /** The memory.high throttle is slowness, not a block (5.10 and 6.1 guests: memory-high-never-kills). */
  @Test
  void aStackInTheMemoryHighThrottleIsOverHighAndTheMemcgOomWaitIsNot() throws Exception {
    String throttle = "[<0>] mem_cgroup_handle_over_high+0x1b6/0x240\n[<0>] exit_to_user_mode_prepare+0x11d/0x190\n"
        + "[<0>] irqentry_exit_to_user_mode+0x5/0x20\n[<0>] asm_exc_page_fault+0x22/0x30\n";
    assertThat(BlockedState.overHigh(throttle)).isTrue();
    String oomWait = new String(getClass().getResourceAsStream("/proc/stack-memcg-oom-wait-host-6.18.txt").readAllBytes());
    assertThat(BlockedState.overHigh(oomWait)).isFalse();
  }

  /**
   * 7.2 renamed the throttle {@code __mem_cgroup_handle_over_high} (the old name is an inline
   * wrapper there): a 7.2 v2 guest's memory-high-never-kills recorded {@code task_blocked} with
   * state {@code D __mem_cgroup_handle_over_high} in 8 of 8 runs while 5.10, 6.1 and 6.12 survived.
   */
  @Test
  void theThrottleIsRecognisedByItsNameOfEveryKernelLine() {
    assertThat(BlockedState.overHighWchan("mem_cgroup_handle_over_high")).as("5.10 to 6.12").isTrue();
    assertThat(BlockedState.overHighWchan("__mem_cgroup_handle_over_high")).as("7.2").isTrue();
    assertThat(BlockedState.overHighWchan("mem_cgroup_oom_synchronize")).isFalse();
    assertThat(BlockedState.overHigh("[<0>] __mem_cgroup_handle_over_high+0x1b6/0x240\n"
        + "[<0>] irqentry_exit_to_user_mode+0x5/0x20\n")).isTrue();
  }
}
