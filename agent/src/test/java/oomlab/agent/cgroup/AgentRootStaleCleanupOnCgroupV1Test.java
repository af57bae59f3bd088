package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AgentRoot.cleanupStale on this host's v1 memory hierarchy, against a run left by a dead owner. */
class AgentRootStaleCleanupOnCgroupV1Test {
  AgentRoot root;
  MemoryCgroup stale;
  RunDir live;
  Process sleeper;

  @BeforeEach
  void open() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.require(CgroupHierarchies.detect().memory().isPresent(), "a memory cgroup hierarchy");
    root = AgentRoot.open();
  }

  @AfterEach
  void cleanup() throws Exception {
    if (sleeper != null) {
      sleeper.destroyForcibly();
    }
    if (stale != null) {
      stale.remove();
    }
    if (live != null) {
      live.close();
    }
  }

  @Test
  void removesARunWhoseOwnerIsDeadAndKillsWhatIsInIt() throws Exception {
    Process owner = new ProcessBuilder("true").start();
    owner.waitFor();
    long deadPid = owner.pid();
    stale = root.cgroup().createChild("run-" + deadPid + "-stale-test");
    MemoryCgroup a = stale.createChild("A");
    sleeper = MemoryCgroupOnCgroupV1Test.startIn(a, "echo ready; exec sleep 600");
    assertThat(new String(sleeper.getInputStream().readNBytes(6))).isEqualTo("ready\n");
    live = root.createRun("live-test-" + System.nanoTime());
    live.create("X");

    assertThat(root.staleRuns()).extracting(AgentRoot.RunDirEntry::path).contains(stale.path()).doesNotContain(live.path());
    root.cleanupStale();

    // Another oomlab process may have cleaned it first; either way it is gone and its task died.
    assertThat(stale.path()).doesNotExist();
    assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(sleeper.exitValue()).isEqualTo(128 + 9);
    assertThat(live.path().resolve("X")).isDirectory();
    assertThat(root.runDirs()).filteredOn(r -> r.path().equals(live.path())).singleElement()
        .satisfies(r -> assertThat(r.ownerAlive()).isTrue());
  }
}
