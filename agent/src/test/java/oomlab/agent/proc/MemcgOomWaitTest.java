package oomlab.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import oomlab.agent.Fixtures;
import org.junit.jupiter.api.Test;

class MemcgOomWaitTest {
  @Test
  void stackOfATaskWaitingInMemcgOomOnThisHost() throws Exception {
    assertThat(MemcgOomWait.shows(Fixtures.read("proc/stack-memcg-oom-wait-host-6.18.txt"))).isTrue();
    assertThat(MemcgOomWait.shows("mem_cgroup_oom_synchronize")).as("wchan").isTrue();
  }

  @Test
  void otherSleepsAreNot() throws Exception {
    assertThat(MemcgOomWait.shows(Fixtures.read("proc/stack-pipe-write-host-6.18.txt"))).isFalse();
    assertThat(MemcgOomWait.shows("do_wait")).isFalse();
    assertThat(MemcgOomWait.shows("")).isFalse();
  }
}
