package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestStatusTest {
  @Test
  void parsesStepsExitAndErrors() {
    assertThat(GuestStatus.parse("modules 2.53")).contains(new GuestStatus("modules", 2.53, -1, ""));
    assertThat(GuestStatus.parse("exit 7 9.91\n")).contains(new GuestStatus("exit", 9.91, 7, ""));
    assertThat(GuestStatus.parse("error cannot mount cgroup2").orElseThrow().text()).isEqualTo("cannot mount cgroup2");
  }

  @Test
  void ignoresTornOrForeignLines() {
    assertThat(GuestStatus.parse("exit 7")).isEmpty();
    assertThat(GuestStatus.parse("init two")).isEmpty();
    assertThat(GuestStatus.parse("")).isEmpty();
  }

  @Test
  void timelineTakesFirmwareTimeFromTheEarliestGuestMark() {
    BootTimeline t = new BootTimeline();
    t.mark("init", 2900, 2.00); // reported late, together with modules
    t.mark("modules", 2950, 2.40);
    t.mark("start", 3100, 2.60);
    assertThat(t.firmwareSeconds()).isCloseTo(0.50, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(t.summary()).contains("qemu+firmware 0.50 s", "kernel 2.00 s", "modules 0.40 s", "command start at 3.10 s");
  }
}
