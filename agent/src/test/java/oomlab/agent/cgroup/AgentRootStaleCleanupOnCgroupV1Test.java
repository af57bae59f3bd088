package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.proc.RunOwner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AgentRoot.cleanupStale against runs left by dead owners, next to a live run (this test's own).
 * Runs on this host's v1 hierarchy; the first test passed in a 6.1 guest on cgroup v2.
 *
 * <p>The tests after the first use an agent root nested in this test's own live run directory, so
 * that the other oomlab processes on this machine, which clean the real root's stale runs too,
 * never see (and never stumble on) the stale runs made here.
 */
class AgentRootStaleCleanupOnCgroupV1Test extends RealCgroupTest {
  private static final Path FREEZER = Path.of("/sys/fs/cgroup/freezer");
  MemoryCgroup stale;
  Path frozen;
  Process stuck;

  @AfterEach
  void removeStale() throws Exception {
    if (frozen != null) {
      Files.writeString(frozen.resolve("freezer.state"), "THAWED");
      if (stuck != null) stuck.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.delete(frozen);
    }
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

  @Test
  void aRunOfALivePidStartedAtAnotherTimeIsStale() throws Exception {
    openRun();
    AgentRoot nested = nestedRoot();
    RunOwner self = RunOwner.current();
    // This JVM's pid with another start time: what a run left by a dead owner looks like once a
    // later process (here: this one) got the owner's pid.
    RunOwner recycled = new RunOwner(self.pid(), java.util.OptionalLong.of(self.startTime().orElseThrow() + 1));
    MemoryCgroup left = nested.cgroup().createChild(recycled.name("run-", "recycled"));
    MemoryCgroup live = nested.cgroup().createChild(self.name("run-", "live"));
    MemoryCgroup legacy = nested.cgroup().createChild("run-" + self.pid() + "-legacy");

    assertThat(nested.staleRuns()).extracting(AgentRoot.RunDirEntry::path).containsExactly(left.path());
    AgentRoot.StaleCleanup done = nested.cleanupStale();

    assertThat(done.removed()).containsExactly(left.path());
    assertThat(done.failures()).isEmpty();
    assertThat(left.path()).doesNotExist();
    assertThat(live.path()).isDirectory();
    assertThat(legacy.path()).isDirectory();
  }

  @Test
  void aStaleRunThatCannotBeEmptiedIsReportedAndTheNextOneStillRemoved() throws Exception {
    openRun();
    KernelRequirement.requireFile(FREEZER.resolve("tasks"));
    AgentRoot nested = nestedRoot();
    Process owner = new ProcessBuilder("true").start();
    owner.waitFor();
    // A v1-frozen task does not die from SIGKILL until thawed: it stays in cgroup.procs, like a
    // task stuck in D state. Its run sorts first, so a cleanup that stops at it never reaches the next.
    MemoryCgroup first = nested.cgroup().createChild("run-" + owner.pid() + "-0.a-stuck");
    MemoryCgroup second = nested.cgroup().createChild("run-" + owner.pid() + "-0.b-free");
    frozen = Files.createDirectory(FREEZER.resolve("oomlab-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
    stuck = startReadyIn(first.createChild("A"), "echo $$ > " + frozen.resolve("cgroup.procs"), "exec sleep 600");
    Files.writeString(frozen.resolve("freezer.state"), "FROZEN");
    child = startReadyIn(second.createChild("A"), "true", "exec sleep 600");
    MemoryCgroup live = nested.cgroup().createChild(RunOwner.current().name("run-", "live"));

    AgentRoot.StaleCleanup done = nested.cleanupStale();

    assertThat(done.removed()).containsExactly(second.path());
    assertThat(done.failures()).singleElement().asString()
        .startsWith(first.path() + ": ").contains("still in cgroup.procs").contains(Long.toString(stuck.pid()));
    assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(second.path()).doesNotExist();
    assertThat(first.path()).isDirectory();
    assertThat(live.path()).isDirectory();
  }

  /** An agent root {@code <this test's run>/oomlab}: removed with the run after the test. */
  private AgentRoot nestedRoot() throws Exception {
    return AgentRoot.open(new MemoryHierarchy(root.version(), run.path()), Optional.empty());
  }
}
