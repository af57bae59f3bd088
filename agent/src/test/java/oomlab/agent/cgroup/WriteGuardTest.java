package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard on a plain directory tree shaped like a cgroup mount (no kernel needed). */
class WriteGuardTest {
  @TempDir Path mount;
  Path root;
  Path own;

  @BeforeEach
  void tree() throws Exception {
    root = Files.createDirectories(mount.resolve("oomlab/run-1-x/A"));
    root = mount.resolve("oomlab");
    own = Files.createDirectories(mount.resolve("process_api/abc"));
    Files.writeString(own.resolve("cgroup.procs"), "");
    Files.writeString(root.resolve("run-1-x/A/cgroup.procs"), "");
  }

  @Test
  void allowsFilesAndNewCgroupsBelowTheRoot() {
    var guard = WriteGuard.below(root, Optional.of(own));
    assertThatCode(() -> guard.check(root.resolve("run-1-x/A/cgroup.procs"))).doesNotThrowAnyException();
    assertThatCode(() -> guard.check(root.resolve("run-1-x/A/B"))).doesNotThrowAnyException();
    assertThatCode(() -> guard.check(root.resolve("cgroup.subtree_control"))).doesNotThrowAnyException();
  }

  @Test
  void refusesOutsideTheRootAndDotDotEscapes() {
    var guard = WriteGuard.below(root, Optional.of(own));
    assertThatThrownBy(() -> guard.check(own.resolve("cgroup.procs")))
        .isInstanceOf(CgroupWriteRefusedException.class).hasMessageContaining("not below the agent root");
    assertThatThrownBy(() -> guard.check(root.resolve("run-1-x/../../process_api/abc/cgroup.procs")))
        .isInstanceOf(CgroupWriteRefusedException.class);
    assertThatThrownBy(() -> guard.check(mount.resolve("oomlab-other/x"))).isInstanceOf(CgroupWriteRefusedException.class);
    assertThatThrownBy(() -> guard.check(mount.resolve("cgroup.subtree_control"))).isInstanceOf(CgroupWriteRefusedException.class);
  }

  @Test
  void refusesASymlinkLeadingOutOfTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("run-1-x/link"), own);
    var guard = WriteGuard.below(root, Optional.of(own));
    assertThatThrownBy(() -> guard.check(root.resolve("run-1-x/link/cgroup.procs")))
        .isInstanceOf(CgroupWriteRefusedException.class).hasMessageContaining("not below the agent root");
    assertThatThrownBy(() -> guard.check(root.resolve("run-1-x/link/new-child")))
        .isInstanceOf(CgroupWriteRefusedException.class);
  }

  @Test
  void neverWritesTheAgentsOwnCgroupEvenBelowTheRoot() {
    Path ownBelow = root.resolve("run-1-x/A");
    var guard = WriteGuard.below(root, Optional.of(ownBelow));
    assertThatThrownBy(() -> guard.check(ownBelow.resolve("cgroup.procs")))
        .isInstanceOf(CgroupWriteRefusedException.class).hasMessageContaining("the cgroup the agent runs in");
    assertThatThrownBy(() -> guard.check(ownBelow)).isInstanceOf(CgroupWriteRefusedException.class);
  }

  @Test
  void anOwnCgroupAboveTheRootStillAllowsTheRoot() {
    // v2 guest: the agent runs in the mount root, its root is <mount>/oomlab.
    var guard = WriteGuard.below(root, Optional.of(mount));
    assertThatCode(() -> guard.check(root.resolve("run-1-x/A/cgroup.procs"))).doesNotThrowAnyException();
  }

  @Test
  void readOnlyRefusesEverything() {
    assertThatThrownBy(() -> WriteGuard.readOnly().check(root.resolve("run-1-x/A/cgroup.procs")))
        .isInstanceOf(CgroupWriteRefusedException.class).hasMessageContaining("read-only");
    var observed = MemoryCgroup.observe(CgroupVersion.V1, root.resolve("run-1-x/A"));
    assertThatThrownBy(() -> observed.addProc(1)).isInstanceOf(CgroupWriteRefusedException.class);
  }

  @Test
  void runDirRefusesScenarioPathsThatLeaveIt() throws Exception {
    var run = new RunDir(MemoryCgroup.at(CgroupVersion.V1, root.resolve("run-1-x"), WriteGuard.below(root, Optional.of(own))));
    assertThat(run.get("A/B").path()).isEqualTo(root.resolve("run-1-x/A/B"));
    for (String bad : new String[] {"../x", "/A", "A/../B", "A//B", ".", "A/", "", "memory.max", "A/cgroup.procs", "A B"}) {
      assertThatThrownBy(() -> run.get(bad)).as(bad).isInstanceOf(CgroupWriteRefusedException.class).hasMessageContaining("scenario cgroup path");
      assertThatThrownBy(() -> run.create(bad)).as(bad).isInstanceOf(CgroupWriteRefusedException.class);
    }
  }
}
