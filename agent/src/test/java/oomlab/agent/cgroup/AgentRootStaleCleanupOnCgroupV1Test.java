package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AgentRoot.cleanupStale against a run left by a dead owner, next to a live run (this test's own).
 * Runs on this host's v1 hierarchy; the same test passed in a 6.1 guest on cgroup v2.
 */
class AgentRootStaleCleanupOnCgroupV1Test extends RealCgroupTest {
  MemoryCgroup stale;

  @AfterEach
  void removeStale() throws Exception {
    if (stale != null) {
      stale.remove();
    }
  }

  @Test
  void removesARunWhoseOwnerIsDeadAndKillsWhatIsInIt() throws Exception {
    openRun();
    Process owner = new ProcessBuilder("true").start();
    owner.waitFor();
    stale = root.cgroup().createChild("run-" + owner.pid() + "-stale-test");
    child = startReadyIn(stale.createChild("A"), "true", "exec sleep 600");
    run.create("X");

    assertThat(root.staleRuns()).extracting(AgentRoot.RunDirEntry::path).contains(stale.path()).doesNotContain(run.path());
    root.cleanupStale();

    // Another oomlab process may have cleaned it first; either way it is gone and its task died.
    assertThat(stale.path()).doesNotExist();
    assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(128 + 9);
    assertThat(run.path().resolve("X")).isDirectory();
    assertThat(root.runDirs()).filteredOn(r -> r.path().equals(run.path())).singleElement()
        .satisfies(r -> assertThat(r.ownerAlive()).isTrue());
  }
}
