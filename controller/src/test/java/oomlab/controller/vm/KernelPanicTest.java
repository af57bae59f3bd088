package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KernelPanicTest {
  @Test
  void findsThePanicWithItsReasonAndEndMarker() throws Exception {
    String console;
    try (InputStream in = getClass().getResourceAsStream("/vm/console-panic-6.1.log")) {
      console = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var lines = KernelPanic.lines(console);
    assertThat(lines).anyMatch(l -> l.contains("Kernel panic - not syncing: VFS: Unable to mount root fs"));
    // panic=-1 reboots before the end marker is printed: the call trace must still be there.
    assertThat(lines).anyMatch(l -> l.contains("mount_block_root"));
    assertThat(lines).noneMatch(l -> l.contains("\r"));
  }

  @Test
  void keepsTheLinesBeforeThePanicAndStopsAtTheEndMarker() {
    String console = "noise\nBUG: unable to handle page fault\nOops: 0000\n[ 1.0] Kernel panic - not syncing: Fatal exception\n"
        + "[ 1.0] ---[ end Kernel panic - not syncing: Fatal exception ]---\nafter\n";
    assertThat(KernelPanic.lines(console)).startsWith("noise", "BUG: unable to handle page fault").last().asString().contains("---[ end Kernel panic");
  }

  @Test
  void aCleanConsoleHasNoPanic() {
    assertThat(KernelPanic.lines("oomlab-guest: start 2.5\r\n[    3.1] reboot: Power down\r\n")).isEmpty();
  }
}
