package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import oomlab.agent.Fixtures;
import org.junit.jupiter.api.Test;

/** memory.oom_control (v1) and memory.events (v2) parsers on real kernel output. */
class CounterFilesTest {
  @Test
  void oomControlAfterARealOomKillOnThisHost() {
    var c = OomControl.parse(Fixtures.read("cgroup/v1-oom_control-after-oom-host-6.18.txt"));
    assertThat(c).isEqualTo(new OomControl(false, false, OptionalLong.of(1)));
  }

  @Test
  void oomControlWithKillDisabledAndTasksWaiting() {
    var c = OomControl.parse(Fixtures.read("cgroup/v1-oom_control-disabled-under-oom.txt"));
    assertThat(c.oomKillDisable()).isTrue();
    assertThat(c.underOom()).isTrue();
    assertThat(c.oomKill()).hasValue(0);
  }

  @Test
  void oomControlOfKernelsBefore413HasNoKillCount() {
    assertThat(OomControl.parse("oom_kill_disable 0\nunder_oom 0\n").oomKill()).isEmpty();
  }

  @Test
  void memoryEventsOf61() {
    var e = MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events-6.1.txt"));
    assertThat(e.max()).isEqualTo(12);
    assertThat(e.oom()).isEqualTo(1);
    assertThat(e.oomKill()).isEqualTo(1);
    assertThat(e.oomGroupKill()).isZero();
    assertThat(e.all()).containsKeys("low", "high", "max", "oom", "oom_kill", "oom_group_kill");
    assertThat(MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events.local-6.1.txt")).oom()).isZero();
  }

  @Test
  void realEventsFromA61GuestAreHierarchicalUnlessLocal() {
    var child = MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events-guest-6.1-after-oom.txt"));
    var parent = MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events-guest-6.1-parent-after-oom.txt"));
    var parentLocal = MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events.local-guest-6.1-parent-after-oom.txt"));
    // one kill, but "oom" counts every OOM entry of the charge path (7 here)
    assertThat(child.oomKill()).isEqualTo(1);
    assertThat(child.oom()).isEqualTo(7);
    assertThat(parent).isEqualTo(child);
    assertThat(parentLocal.oomKill()).isZero();
    assertThat(parentLocal.max()).isZero();
  }

  @Test
  void realOomGroupKillOn61CountsTheVictimTwice() {
    // 4 processes died (sh, sleep, head, tail); oom_kill 5: tail as victim, then again in the group scan
    var g = MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events-guest-6.1-oom-group.txt"));
    assertThat(g.oomKill()).isEqualTo(5);
    assertThat(g.oomGroupKill()).isEqualTo(1);
  }

  @Test
  void memoryEventsOf510HasNoGroupKillLine() {
    var e = MemoryEvents.parse(Fixtures.read("cgroup/v2-memory.events-5.10.txt"));
    assertThat(e.oomGroupKill()).isZero();
    assertThat(e.max()).isEqualTo(3);
  }

  @Test
  void newerKeysAreKept() {
    var e = MemoryEvents.parse("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\nsock_throttled 4\n");
    assertThat(e.all()).containsEntry("sock_throttled", 4L);
  }

  @Test
  void malformedInputIsAClearError() {
    assertThatThrownBy(() -> MemoryEvents.parse("low 0\nhigh x\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory.events").hasMessageContaining("'high x'");
    assertThatThrownBy(() -> MemoryEvents.parse("low 0\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'high' line");
    assertThatThrownBy(() -> OomControl.parse("oom_kill_disable 0 1\nunder_oom 0\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory.oom_control");
    assertThatThrownBy(() -> OomControl.parse(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oom_kill_disable");
    assertThatThrownBy(() -> OomControl.parse("oom_kill_disable -1\nunder_oom 0\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
