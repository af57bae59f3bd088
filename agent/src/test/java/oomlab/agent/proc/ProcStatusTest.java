package oomlab.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import oomlab.agent.Fixtures;
import org.junit.jupiter.api.Test;

class ProcStatusTest {
  @Test
  void thisHostsRootLacksCapSysResource() throws Exception {
    var s = ProcStatus.parse(Fixtures.read("proc/status-host-6.18-no-cap-sys-resource.txt"));
    assertThat(s.capEff()).isEqualTo(0x000001fffeffffffL);
    assertThat(s.euid()).isZero();
    assertThat(s.state()).isEqualTo('R');
    assertThat(s.hasCapSysResource()).isFalse();
    assertThat(s.hasCapability(21)).as("CAP_SYS_ADMIN").isTrue();
  }

  @Test
  void fullRootHasIt() {
    var s = ProcStatus.parse("State:\tS (sleeping)\nUid:\t1000\t0\t0\t0\nCapEff:\t000001ffffffffff\n");
    assertThat(s.hasCapSysResource()).isTrue();
    assertThat(s.euid()).isZero();
    assertThat(s.state()).isEqualTo('S');
  }

  @Test
  void malformedOrIncomplete() {
    assertThatThrownBy(() -> ProcStatus.parse("State:\tS\nUid:\tx\nCapEff:\t0\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Uid");
    assertThatThrownBy(() -> ProcStatus.parse("State:\tS\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
  }
}
