package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import oomlab.cli.RunOptions;
import org.junit.jupiter.api.Test;

class VmTargetTest {
  @Test
  void theGuestRunsTheSameRunLocallyOnTheBootsHierarchyAndResults() {
    RunOptions host = new RunOptions(List.of(Path.of("scenarios/basic")), "vm:6.1", true, "v1", List.of("mainline6"), 3,
        Path.of("x"), true, true, "1s", 7);
    assertThat(VmTarget.guestOptions(host, CgroupMode.V1, Path.of("/r/out"))).isEqualTo(
        new RunOptions(List.of(Path.of("scenarios/basic").toAbsolutePath()), "local", false, "v1", List.of("mainline6"), 3,
            Path.of("/r/out"), true, true, "1s", 7));
  }

  @Test
  void onlyVmTargetsNameAKernel() {
    assertThat(VmTarget.kernelOf("vm:6.12")).contains("6.12");
    assertThat(VmTarget.kernelOf("local")).isEmpty();
  }

  @Test
  void consoleKeepsTheCommandsLinesOnly() {
    assertThat(GuestConsole.isCommandOutput("hog-over-limit: killed [hog]")).isTrue();
    assertThat(GuestConsole.isCommandOutput("[   12.345678] Memory cgroup out of memory: Killed process 123")).isFalse();
    assertThat(GuestConsole.isCommandOutput("oomlab-guest: exit 0 9.1")).isFalse();
  }
}
