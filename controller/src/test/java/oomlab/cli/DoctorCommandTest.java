package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import oomlab.cli.DoctorCommand.Check;
import oomlab.cli.DoctorCommand.Status;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
  @Test
  void anyFailureMeansEnvironmentMissingExit3() {
    assertThat(DoctorCommand.exitCode(List.of(new Check(Status.OK, "root", "euid 0"), new Check(Status.WARN, "gcc", "missing"))))
        .isEqualTo(Oomlab.EXIT_OK);
    assertThat(DoctorCommand.exitCode(List.of(new Check(Status.OK, "root", "euid 0"), new Check(Status.FAIL, "memory cgroup", "none"))))
        .isEqualTo(Oomlab.EXIT_ENVIRONMENT);
  }

  @Test
  void onThisMachineItPrintsOneLinePerCheck() {
    var cl = Oomlab.commandLine();
    var out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    int exit = cl.execute("doctor");
    String text = out.toString();
    for (String name : new String[] {"root", "kernel", "CAP_SYS_RESOURCE", "memory cgroup", "/dev/kmsg", "JDK", "gcc", "qemu-system-x86_64"}) {
      assertThat(text).as(name).containsPattern("(?m)^(ok|warn|fail) +" + java.util.regex.Pattern.quote(name) + " ");
    }
    // Exit 3 exactly when a line says fail: the exit code and the report agree.
    assertThat(exit).isEqualTo(text.contains("\nfail ") || text.startsWith("fail ") ? Oomlab.EXIT_ENVIRONMENT : Oomlab.EXIT_OK);
  }

  @Test
  void findsExecutablesOnPath() {
    assertThat(DoctorCommand.onPath("sh")).isPresent();
    assertThat(DoctorCommand.onPath("no-such-tool-oomlab")).isEmpty();
  }

  @Test
  void cleanupUnmountsAndRemovesATmpfsLeftByADeadRun() throws Exception {
    oomlab.agent.KernelRequirement.requireRoot();
    Process owner = new ProcessBuilder("true").start();
    owner.waitFor();
    java.nio.file.Path dir = java.nio.file.Files.createDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
        .resolve("oomlab-run-" + owner.pid() + "-0.doctor-test-" + System.nanoTime()));
    try {
      Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "oomlab", dir.toString()).inheritIO().start();
      assertThat(mount.waitFor()).isZero();
      assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/mountinfo"))).contains(" " + dir + " ");

      var cl = Oomlab.commandLine();
      var out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      cl.execute("doctor", "--cleanup");

      // Another oomlab process may have removed it first; either way it is gone, mount and all.
      assertThat(out.toString()).containsPattern("(?m)^ok +stale tmpfs ");
      assertThat(dir).doesNotExist();
      assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/mountinfo"))).doesNotContain(" " + dir + " ");
    } finally {
      new ProcessBuilder("umount", dir.toString()).start().waitFor();
      java.nio.file.Files.deleteIfExists(dir);
    }
  }
}
