package oomlab.agent.oomreport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLineTest {
  static final String MSG = "Memory cgroup out of memory: Killed process 3602 (tail) total-vm:18540kB, anon-rss:15616kB, file-rss:1460kB";

  @Test
  void everyPrefixFormGivesTheMessage() {
    for (String line : new String[] {
        MSG,
        "3,461,294356926,-;" + MSG,
        "3,461,294356926,-,caller=T3602;" + MSG,
        "[  294.356926] " + MSG,
        "[  294.356926][ T3602] " + MSG, // printk caller id (CONFIG_PRINTK_CALLER), as syzbot reports show it
        "[ 294.356926] [ T3602] " + MSG,
        "<3>[  294.356926] " + MSG,
        "<3>" + MSG,
        "kern  :err   : [  294.356926] " + MSG,
        "[Tue Jan  5 10:00:00 2021] " + MSG,
        "2021-01-05T10:00:00,123456+00:00 " + MSG,
        "Jan  5 10:00:00 host kernel: " + MSG,
        "Jan  5 10:00:00 host kernel: [  294.356926] " + MSG,
        "Jan 05 10:00:00.123456 host kernel: " + MSG, // journalctl -o short-precise
        "2021-01-05T10:00:00+0000 host kernel: " + MSG, // journalctl -o short-iso
        "2021-01-05T10:00:00.123456+00:00 host kernel: " + MSG, // rsyslog RFC 3339
        "[  294.356926] host kernel: " + MSG, // journalctl -o short-monotonic
        "> Jan  5 10:00:00 host kernel: " + MSG, // a ticket's markdown quote
        "3,461,294356926,-;" + MSG + "\r",
    }) {
      assertThat(LogLine.of(line)).as(line).get().extracting(LogLine::message).isEqualTo(MSG);
    }
  }

  @Test
  void stampsAreKept() {
    assertThat(LogLine.of("3,461,294356926,-;x").orElseThrow().uptimeSeconds()).isEqualTo(294.356926);
    assertThat(LogLine.of("[Tue Jan  5 10:00:00 2021] x").orElseThrow().time()).isEqualTo("Tue Jan  5 10:00:00 2021");
    assertThat(LogLine.of("Jan  5 10:00:00 host kernel: [  294.356926] x").orElseThrow())
        .satisfies(l -> {
          assertThat(l.time()).isEqualTo("Jan  5 10:00:00");
          assertThat(l.uptimeSeconds()).isEqualTo(294.356926);
        });
  }

  @Test
  void userspaceProgramsQuotingTheKernelAreRefused() {
    assertThat(LogLine.of("Jan  5 10:00:00 host node-problem-detector[812]: " + MSG)).isEmpty();
    assertThat(LogLine.of("Jan  5 10:00:00 host kubelet[1]: " + MSG)).isEmpty();
    assertThat(LogLine.of("2021-01-05T10:00:00+0000 host systemd[1]: " + MSG)).isEmpty();
    // text around a quote is no prefix: the report patterns are anchored, so it matches nothing
    assertThat(ReportLine.parse(LogLine.messageOf("  Warning  OOMKilling  5m  kernel-monitor  " + MSG))).isEmpty();
    assertThat(ReportLine.parse(LogLine.messageOf("    \"message\": \"" + MSG + "\","))).isEmpty();
  }
}
