package oomlab.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunOwnerTest {
  @Test
  void namesCarryPidAndStartTimeAndParseBack() {
    RunOwner owner = new RunOwner(4242, OptionalLong.of(981234));

    assertThat(owner.name("run-", "basic-01_x")).isEqualTo("run-4242-981234.basic-01_x");
    assertThat(RunOwner.parse("run-", "run-4242-981234.basic-01_x")).contains(owner);
  }

  @Test
  void oldNamesWithoutAStartTimeStillParseByPidAlone() {
    assertThat(RunOwner.parse("run-", "run-4242-x")).contains(new RunOwner(4242, OptionalLong.empty()));
    // An old suffix may start with digits: without the dot it is no start time.
    assertThat(RunOwner.parse("run-", "run-4242-17-x")).contains(new RunOwner(4242, OptionalLong.empty()));
    assertThat(RunOwner.parse("oomlab-run-", "oomlab-run-7-basic-09")).contains(new RunOwner(7, OptionalLong.empty()));
  }

  @Test
  void otherNamesAreNotOomlabs() {
    assertThat(RunOwner.parse("run-", "A")).isEqualTo(Optional.empty());
    assertThat(RunOwner.parse("run-", "run-x-1")).isEmpty();
    assertThat(RunOwner.parse("run-", "oomlab-run-1-x")).isEmpty();
  }

  @Test
  void suffixesWithADotOrSlashAreRefused() {
    RunOwner owner = new RunOwner(1, OptionalLong.of(2));
    assertThatThrownBy(() -> owner.name("run-", "a.b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> owner.name("run-", "../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thisJvmIsAliveOnlyWithItsOwnStartTime() {
    RunOwner self = RunOwner.current();

    assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(self.isAlive()).isTrue();
    assertThat(new RunOwner(self.pid(), OptionalLong.empty()).isAlive()).isTrue();
    assertThat(new RunOwner(self.pid(), OptionalLong.of(self.startTime().orElseThrow() + 1)).isAlive()).isFalse();
  }
}
