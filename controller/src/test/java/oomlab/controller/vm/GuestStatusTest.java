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
  void agentEventsCarryAText() {
    assertThat(GuestStatus.parse("scenario 7.25 2/13 largest-of-several"))
        .contains(new GuestStatus("scenario", 7.25, -1, "2/13 largest-of-several"));
    assertThat(GuestStatus.parse("ready 6.10 13 scenarios").orElseThrow().guestUptime()).isEqualTo(6.10);
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
    t.mark("jvm", 5200, 4.70);
    t.mark("ready", 6000, 5.40);
    assertThat(t.firmwareSeconds()).isCloseTo(0.50, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(t.summary()).contains("qemu+firmware 0.50 s", "kernel 2.00 s", "modules 0.40 s", "command start at 3.10 s",
        "JVM main at 5.20 s", "agent ready at 5.90 s");
  }
}
