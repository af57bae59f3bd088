package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import oomlab.agent.Fixtures;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MemoryCgroupV2's file names and formats on a directory shaped like a 6.1 cgroup2 memcg. This host
 * has no cgroup2 memory controller; the same calls run against the real kernel in a v2 guest.
 * Files a test writes start empty: cgroupfs replaces a value on each write, a plain file does not.
 */
class MemoryCgroupV2LayoutTest {
  @TempDir Path mount;
  Path rootDir;
  MemoryCgroupV2 a;

  @BeforeEach
  void tree() throws Exception {
    rootDir = Files.createDirectories(mount.resolve("oomlab"));
    Path dir = Files.createDirectories(rootDir.resolve("run-1-x/A"));
    for (String f : new String[] {"memory.max", "memory.swap.max", "memory.high", "memory.oom.group", "cgroup.procs", "cgroup.subtree_control"}) {
      Files.writeString(dir.resolve(f), "");
    }
    Files.writeString(dir.resolve("memory.current"), "4096\n");
    Files.writeString(dir.resolve("memory.events"), Fixtures.read("cgroup/v2-memory.events-6.1.txt"));
    Files.writeString(dir.resolve("memory.events.local"), Fixtures.read("cgroup/v2-memory.events.local-6.1.txt"));
    a = (MemoryCgroupV2) MemoryCgroup.at(CgroupVersion.V2, dir, WriteGuard.below(rootDir, Optional.of(mount)));
  }

  Path file(String name) {
    return a.path().resolve(name);
  }

  @Test
  void limitsUseMaxForNoLimit() throws Exception {
    a.setLimit(MemoryCgroup.UNLIMITED);
    assertThat(Files.readString(file("memory.max"))).isEqualTo("max");
    assertThat(a.limit()).isEqualTo(MemoryCgroup.UNLIMITED);
    Files.writeString(file("memory.max"), "33554432\n");
    assertThat(a.limit()).isEqualTo(32 << 20);
  }

  @Test
  void setLimitsWritesSwapMaxAsSwapAlone() throws Exception {
    a.setLimits(32 << 20, 0);
    assertThat(Files.readString(file("memory.max"))).isEqualTo("33554432");
    assertThat(Files.readString(file("memory.swap.max"))).isEqualTo("0");
  }

  @Test
  void highAndOomGroup() throws Exception {
    a.setHigh(16 << 20);
    assertThat(Files.readString(file("memory.high"))).isEqualTo("16777216");
    a.setOomGroup(true);
    assertThat(Files.readString(file("memory.oom.group"))).isEqualTo("1");
    assertThat(a.oomGroup()).isTrue();
  }

  @Test
  void countersComeFromMemoryEvents() throws Exception {
    assertThat(a.usage()).isEqualTo(4096);
    assertThat(a.events().oomKill()).isEqualTo(1);
    assertThat(a.eventsLocal().oomKill()).isZero();
    assertThat(a.failcnt()).as("v2 has no failcnt: the max event count stands in").isEqualTo(12);
    assertThat(a.peak()).as("memory.peak missing (before 5.19)").isEmpty();
    Files.writeString(file("memory.swap.max"), "max\n");
    assertThat(a.swapMax()).hasValue(MemoryCgroup.UNLIMITED);
    Files.writeString(file("memory.high"), "12x\n");
    assertThatThrownBy(a::high).isInstanceOf(IllegalArgumentException.class).hasMessage("memory.high: expected a byte count, got '12x'");
  }

  @Test
  void createChildEnablesMemoryInTheParentOnce() throws Exception {
    MemoryCgroup b = a.createChild("B");
    assertThat(b.path()).isDirectory();
    assertThat(Files.readString(file("cgroup.subtree_control"))).isEqualTo("+memory");
    // what the kernel shows afterwards; a second child must not write again
    Files.writeString(file("cgroup.subtree_control"), "memory\n");
    a.createChild("C");
    assertThat(Files.readString(file("cgroup.subtree_control"))).isEqualTo("memory\n");
  }

  @Test
  void removeUsesCgroupKillWhenTheKernelHasIt() throws Exception {
    Files.writeString(file("cgroup.kill"), "");
    a.killProcs();
    assertThat(Files.readString(file("cgroup.kill"))).isEqualTo("1");
  }

  @Test
  void writesOutsideTheRootAreRefused() throws Exception {
    Files.writeString(mount.resolve("cgroup.subtree_control"), "");
    var mountRoot = MemoryCgroup.at(CgroupVersion.V2, mount, WriteGuard.below(rootDir, Optional.of(mount)));
    assertThatThrownBy(() -> mountRoot.createChild("elsewhere")).isInstanceOf(CgroupWriteRefusedException.class);
    assertThat(Files.readString(mount.resolve("cgroup.subtree_control"))).isEmpty();
    assertThat(mount.resolve("elsewhere")).doesNotExist();
  }
}
