package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import oomlab.agent.Fixtures;
import org.junit.jupiter.api.Test;

class ProcCgroupTest {
  @Test
  void thisHostPutsUsInAMemcgOfTheSurroundingSystem() {
    var c = ProcCgroup.parse(Fixtures.read("proc/self-cgroup-host-6.18.txt"));
    assertThat(c.v1Memory()).hasValueSatisfying(p -> assertThat(p).startsWith("/process_api/"));
    assertThat(c.v2()).contains("/");
  }

  @Test
  void cgroup2OnlyGuest() {
    var c = ProcCgroup.parse("0::/oomlab/run-1-x/A\n");
    assertThat(c.v1Memory()).isEmpty();
    assertThat(c.v2()).contains("/oomlab/run-1-x/A");
  }

  @Test
  void combinedControllersLine() {
    assertThat(ProcCgroup.parse("7:memory,cpu:/a\n").v1Memory()).contains("/a");
  }

  @Test
  void malformedLine() {
    assertThatThrownBy(() -> ProcCgroup.parse("garbage\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage");
  }
}
