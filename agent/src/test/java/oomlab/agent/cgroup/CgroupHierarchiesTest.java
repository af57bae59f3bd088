package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import oomlab.agent.Fixtures;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;

class CgroupHierarchiesTest {
  @Test
  void thisHostHasV1MemoryAndCgroup2WithoutMemory() throws Exception {
    var h = CgroupHierarchies.parse(Fixtures.read("mountinfo/host-6.18-v1-memory-cgroup2-without-memory.txt"),
        file -> {
          assertThat(file).isEqualTo(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"));
          return "hugetlb\n";
        });
    assertThat(h.v1Memory()).contains(Path.of("/sys/fs/cgroup/memory"));
    assertThat(h.cgroup2()).contains(Path.of("/sys/fs/cgroup/unified"));
    assertThat(h.cgroup2HasMemory()).isFalse();
    assertThat(h.memory()).contains(new MemoryHierarchy(CgroupVersion.V1, Path.of("/sys/fs/cgroup/memory")));
  }

  @Test
  void realGuest61WithCgroup2Only() throws Exception {
    var h = CgroupHierarchies.parse(Fixtures.read("mountinfo/guest-6.1-v2.txt"), file -> "cpuset cpu io memory hugetlb pids rdma misc\n");
    assertThat(h.memory()).contains(new MemoryHierarchy(CgroupVersion.V2, Path.of("/sys/fs/cgroup")));
    assertThat(h.v1Memory()).isEmpty();
  }

  @Test
  void systemdCgroup2WithOptionalFieldsUsesV2WhenMemoryIsAController() throws Exception {
    String mountinfo = Fixtures.read("mountinfo/debian-systemd-v2.txt");
    var h = CgroupHierarchies.parse(mountinfo, file -> "cpuset cpu io memory hugetlb pids rdma misc\n");
    assertThat(h.v1Memory()).isEmpty();
    assertThat(h.memory()).contains(new MemoryHierarchy(CgroupVersion.V2, Path.of("/sys/fs/cgroup")));

    var withoutMemory = CgroupHierarchies.parse(mountinfo, file -> "cpu io pids\n");
    assertThat(withoutMemory.memory()).isEmpty();
  }

  @Test
  void systemdHybridFindsMemoryAmongCombinedV1Mounts() throws Exception {
    var h = CgroupHierarchies.parse(Fixtures.read("mountinfo/systemd-hybrid.txt"), file -> "");
    assertThat(h.v1Memory()).contains(Path.of("/sys/fs/cgroup/memory"));
    assertThat(h.cgroup2()).contains(Path.of("/sys/fs/cgroup/unified"));
    assertThat(h.cgroup2HasMemory()).isFalse();
    assertThat(h.memory().map(MemoryHierarchy::version)).contains(CgroupVersion.V1);
  }

  @Test
  void noCgroupMountsMeansNoMemoryHierarchy() throws Exception {
    var h = CgroupHierarchies.parse(Fixtures.read("mountinfo/no-cgroups.txt"), file -> {
      throw new AssertionError("no cgroup2 mount: controllers must not be read");
    });
    assertThat(h).isEqualTo(new CgroupHierarchies(Optional.empty(), Optional.empty(), false));
    assertThat(h.memory()).isEmpty();
  }

  @Test
  void malformedMountinfoNamesTheLine() {
    assertThatThrownBy(() -> CgroupHierarchies.parse(Fixtures.read("mountinfo/malformed.txt"), file -> ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mountinfo line 1");
  }

  @Test
  void mountPointEscapesAreUndone() {
    var m = MountInfo.parse("40 31 0:37 / /mnt/with\\040space rw - cgroup cgroup rw,memory\n");
    assertThat(m.getFirst().mountPoint()).isEqualTo(Path.of("/mnt/with space"));
  }
}
