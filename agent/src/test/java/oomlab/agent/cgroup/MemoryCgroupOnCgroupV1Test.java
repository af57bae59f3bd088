package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.io.KernelFile;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MemoryCgroupV1 against this host's cgroup v1 memory controller. */
class MemoryCgroupOnCgroupV1Test extends RealCgroupTest {
  @BeforeEach
  void openV1Run() throws Exception {
    openRun("v1");
  }

  @Test
  void createsNestedCgroupsAndSetsLimits() throws Exception {
    MemoryCgroupV1 b = (MemoryCgroupV1) run.create("A/B");
    MemoryCgroup a = run.get("A");
    assertThat(b.path()).isEqualTo(run.path().resolve("A/B")).isDirectory();
    assertThat(a.limit()).isEqualTo(MemoryCgroup.UNLIMITED);

    a.setLimit(64 * M);
    b.setLimit(32 * M);
    assertThat(a.limit()).isEqualTo(64 * M);
    assertThat(b.limit()).isEqualTo(32 * M);
    assertThat(b.usage()).isZero();
    assertThat(b.failcnt()).isZero();
    assertThat(b.peak()).hasValue(0);
    assertThat(b.procs()).isEmpty();
    assertThat(a.children()).extracting(MemoryCgroup::path).containsExactly(b.path());

    b.setLimit(MemoryCgroup.UNLIMITED);
    assertThat(b.limit()).isEqualTo(MemoryCgroup.UNLIMITED);
  }

  @Test
  void setLimitsKeepsMemswAboveLimitBothWays() throws Exception {
    MemoryCgroupV1 a = (MemoryCgroupV1) run.create("A");
    KernelRequirement.require(a.memswLimit().isPresent(), "memory.memsw.limit_in_bytes (swap accounting)");
    a.setLimits(64 * M, 0);
    assertThat(a.limit()).isEqualTo(64 * M);
    assertThat(a.memswLimit()).hasValue(64 * M);
    a.setLimits(128 * M, 0); // raising: memsw must go first
    assertThat(a.limit()).isEqualTo(128 * M);
    assertThat(a.memswLimit()).hasValue(128 * M);
    a.setLimits(32 * M, 16 * M); // lowering: limit must go first
    assertThat(a.limit()).isEqualTo(32 * M);
    assertThat(a.memswLimit()).hasValue(48 * M);
    // The kernel's own rule, which the ordering exists for: limit above memsw is EINVAL.
    assertThatThrownBy(() -> a.setLimit(64 * M)).isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(KernelFile.isInvalidArgument((IOException) e)).as(e.getMessage()).isTrue());
    a.setLimits(MemoryCgroup.UNLIMITED, MemoryCgroup.UNLIMITED);
    assertThat(a.memswLimit()).hasValue(MemoryCgroup.UNLIMITED);
  }

  @Test
  void lowering_limit_below_unreclaimable_usage_is_EBUSY() throws Exception {
    MemoryCgroupV1 a = (MemoryCgroupV1) run.create("A");
    a.setLimit(64 * M);
    // 8 MB of anonymous memory held by a shell variable (no exec afterwards: it would free it); no
    // swap here, so reclaim cannot free it.
    child = startReadyIn(a, "x=$(head -c 8000000 /dev/zero | tr '\\0' a)", "sleep 600");
    assertThat(a.usage()).isGreaterThan(8_000_000);
    assertThatThrownBy(() -> a.setLimit(1 * M)).isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(KernelFile.isBusy((IOException) e)).as(e.getMessage()).isTrue());
    assertThat(a.peak().getAsLong()).isGreaterThanOrEqualTo(a.usage());
  }

  @Test
  void oomKillDisableRoundTrips() throws Exception {
    MemoryCgroupV1 a = (MemoryCgroupV1) run.create("A");
    assertThat(a.oomControl().oomKillDisable()).isFalse();
    a.setOomKillDisable(true);
    assertThat(a.oomControl().oomKillDisable()).isTrue();
    assertThat(a.oomControl().underOom()).isFalse();
    assertThat(a.oomControl().oomKill()).hasValue(0);
  }

  @Test
  void removeKillsMembersChildrenFirst() throws Exception {
    MemoryCgroup b = run.create("A/B");
    child = startReadyIn(b, "true", "exec sleep 600");
    assertThat(b.procs()).containsExactly(child.pid());

    run.get("A").remove();

    assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(128 + 9);
    assertThat(run.path().resolve("A")).doesNotExist();
    assertThat(run.path()).isDirectory();
  }

  @Test
  void refusesToWriteOutsideTheAgentRoot() throws Exception {
    Path mount = root.hierarchy().mount();
    var outside = MemoryCgroup.at(CgroupVersion.V1, mount, WriteGuard.below(root.path(), java.util.Optional.empty()));
    assertThatThrownBy(() -> outside.setLimit(M)).isInstanceOf(CgroupWriteRefusedException.class)
        .hasMessage("refusing to write " + mount.resolve("memory.limit_in_bytes") + ": not below the agent root " + root.path());
    assertThatThrownBy(() -> run.create("../escape")).isInstanceOf(CgroupWriteRefusedException.class);
    assertThat(mount.resolve("escape")).doesNotExist();
  }

}
