package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import oomlab.controller.kernel.CachedKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuCommandTest {
  static GuestRequest request(Path dir, CgroupMode mode) {
    CachedKernel k = new CachedKernel(dir, "6.1", "6.1.0-50-amd64", "6.1.176-1", "linux-image-6.1.0-50-amd64", java.util.List.of());
    return GuestRequest.of(k, mode, List.of("/bin/true"), dir.resolve("out"), Duration.ofSeconds(60));
  }

  @Test
  void tcgDirectBootWithoutDefaultDevicesAndBothShares(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("vmlinux"), "");
    List<String> argv = QemuCommand.argv(request(dir, CgroupMode.V2), dir.resolve("i.cpio"), dir.resolve("c.log"), dir.resolve("s"), 9781616);
    String line = String.join(" ", argv);
    assertThat(argv.getFirst()).isEqualTo("qemu-system-x86_64");
    assertThat(line).contains("-accel tcg,thread=multi", "-nodefaults", "-no-reboot", "-kernel " + dir.resolve("vmlinux"),
        "mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap", "path=" + dir.resolve("out") + ",mount_tag=results",
        "name=oomlab.status").doesNotContain("kvm");
    assertThat(argv.get(argv.indexOf("-append") + 1)).contains("console=ttyS0", "panic=-1", "lpj=9781616", "cgroup_no_v1=all", "rodata=off");
  }

  @Test
  void v1LeavesTheV1ControllersBindable(@TempDir Path dir) {
    assertThat(QemuCommand.kernelArgs(request(dir, CgroupMode.V1), 0)).doesNotContain("cgroup_no_v1=all").noneMatch(a -> a.startsWith("lpj"));
  }

  @Test
  void lpjIsKhzPerTick() {
    assertThat(QemuCommand.lpj(2445.404, 250)).isEqualTo(9_781_616);
    assertThat(HostCpu.parseMhz("processor\t: 0\ncpu MHz\t\t: 2445.404\n")).isEqualTo(2445.404);
  }
}
