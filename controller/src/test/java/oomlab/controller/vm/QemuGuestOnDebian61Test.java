package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import oomlab.controller.kernel.CachedKernel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots Debian's 6.1 kernel under QEMU TCG (seconds per boot: the count is kept small) and runs
 * commands in the chroot of the host root, with the host JDK, as the agent will run.
 */
class QemuGuestOnDebian61Test {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static CachedKernel kernel;

  @BeforeAll
  static void kernel() {
    kernel = GuestRequirement.kernel("6.1");
  }

  private static GuestResult boot(GuestRequest request) throws Exception {
    PreparedGuest guest = PreparedGuest.prepare(request);
    try {
      GuestResult result = new GuestRunner(GuestProgress.NONE, 0).run(guest);
      System.err.println("guest " + request.cgroup().label() + ": " + result.describe() + "; " + result.timeline().summary());
      return result;
    } finally {
      guest.delete();
    }
  }

  @Test
  void cgroupV2HasTheMemoryControllerAndTheHostJdkRuns(@TempDir Path results) throws Exception {
    String script = GuestRequirement.javaBinary() + " -XX:TieredStopAtLevel=1 -version 2>&1;"
        + " cat /sys/fs/cgroup/cgroup.controllers > " + results.resolve("controllers") + "; exit 7";
    GuestResult r = boot(GuestRequest.of(kernel, CgroupMode.V2, List.of("/bin/sh", "-c", script), results, TIMEOUT));

    assertThat(r.end()).as(r.describe()).isEqualTo(GuestResult.End.EXITED);
    assertThat(r.commandStatus()).isEqualTo(7);
    assertThat(Files.readString(results.resolve("controllers")).split("\\s+")).contains("memory");
    assertThat(Files.readString(r.console())).contains("openjdk version \"25");
    assertThat(r.timeline().hostMillis("start")).isPositive();
  }

  @Test
  void cgroupV1HasTheMemoryOomControl(@TempDir Path results) throws Exception {
    String script = "cat /sys/fs/cgroup/memory/memory.oom_control > " + results.resolve("oom_control")
        + "; cat /proc/self/cgroup >> " + results.resolve("oom_control");
    GuestResult r = boot(GuestRequest.of(kernel, CgroupMode.V1, List.of("/bin/sh", "-c", script), results, TIMEOUT));

    assertThat(r.end()).as(r.describe()).isEqualTo(GuestResult.End.EXITED);
    assertThat(r.commandStatus()).isZero();
    assertThat(Files.readString(results.resolve("oom_control"))).contains("oom_kill_disable 0").contains("under_oom 0");
  }

  @Test
  void aMissingInitPanicsAndEndsWithExit4(@TempDir Path results) throws Exception {
    GuestRequest request = GuestRequest.of(kernel, CgroupMode.V2, List.of("/bin/true"), results, TIMEOUT)
        .withKernelArgs(List.of("rdinit=/nonexistent"));
    GuestResult r = boot(request);

    assertThat(r.end()).as(r.describe()).isEqualTo(GuestResult.End.PANIC);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(String.join("\n", r.panicLines())).contains("Kernel panic - not syncing");
  }
}
