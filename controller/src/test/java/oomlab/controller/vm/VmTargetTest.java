package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmTargetTest {
  @Test
  void theGuestRunsTheSameRunLocallyOnTheBootsHierarchyAndResults() {
    List<String> host = List.of("run", "scenarios/basic", "--target", "vm:6.1", "--cgroup=v1", "--repeat", "3",
        "--out", "x", "--dry-run", "--designs", "mainline6");
    assertThat(VmTarget.guestArgs(host, CgroupMode.V1, Path.of("/r/out"))).containsExactly(
        "run", "scenarios/basic", "--repeat", "3", "--designs", "mainline6",
        "--target", "local", "--cgroup", "v1", "--out", "/r/out");
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
