package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.io.KernelFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MemoryCgroupV2 against a real cgroup2 memory controller: tagged guest-cgroup-v2, it runs in a
 * Debian 6.1 guest booted with cgroup v2 (this host binds memory to v1; surefire leaves it out).
 */
@Tag(KernelRequirement.GUEST_CGROUP_V2)
class MemoryCgroupOnCgroupV2Test extends RealCgroupTest {
  @BeforeEach
  void openV2Run() throws Exception {
    openRun("v2");
  }

  @Test
  void nestedCgroupsAreMemcgsWithLimits() throws Exception {
    MemoryCgroupV2 b = (MemoryCgroupV2) run.create("A/B");
    MemoryCgroupV2 a = (MemoryCgroupV2) run.get("A");
    assertThat(KernelFile.read(a.path().resolve("cgroup.subtree_control"))).contains("memory");
    assertThat(b.limit()).isEqualTo(MemoryCgroup.UNLIMITED);
    a.setLimits(64 * M, 0);
    b.setLimit(32 * M);
    b.setHigh(16 * M);
    b.setOomGroup(true);
    assertThat(a.limit()).isEqualTo(64 * M);
    assertThat(a.swapMax()).hasValue(0);
    assertThat(b.limit()).isEqualTo(32 * M);
    assertThat(b.high()).isEqualTo(16 * M);
    assertThat(b.oomGroup()).isTrue();
    assertThat(b.events().oom()).isZero();
    assertThat(b.usage()).isZero();
    assertThatThrownBy(() -> b.setLimit(-5)).isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(KernelFile.isInvalidArgument((IOException) e)).as(e.getMessage()).isTrue());
  }

  @Test
  void anOomKillIsCountedHierarchicallyAndLocally() throws Exception {
    MemoryCgroupV2 b = (MemoryCgroupV2) run.create("A/B");
    MemoryCgroupV2 a = (MemoryCgroupV2) run.get("A");
    b.setLimits(16 * M, 0);
    child = startHogIn(b);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(b.events().oomKill()).isEqualTo(1);
    assertThat(b.eventsLocal().oomKill()).isEqualTo(1);
    assertThat(a.events().oomKill()).as("memory.events is hierarchical").isEqualTo(1);
    assertThat(a.eventsLocal().oomKill()).as("memory.events.local is not").isZero();
    assertThat(b.failcnt()).isPositive();
    assertThat(b.peak().orElseThrow()).isGreaterThan(15 * M);
  }

  @Test
  void removeKillsMembersThroughCgroupKill() throws Exception {
    MemoryCgroup b = run.create("A/B");
    child = startReadyIn(b, "true", "exec sleep 600");
    run.get("A").remove();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(128 + 9);
    assertThat(run.path().resolve("A")).doesNotExist();
  }

  @Test
  void noInternalProcessRuleSurfacesAsEbusy() throws Exception {
    MemoryCgroup a = run.create("A");
    child = startReadyIn(a, "true", "exec sleep 600");
    assertThatThrownBy(() -> a.createChild("B")).isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(KernelFile.isBusy((IOException) e)).as(e.getMessage()).isTrue());
  }
}
