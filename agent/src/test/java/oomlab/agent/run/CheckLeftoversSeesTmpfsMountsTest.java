package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/check-leftovers} (run by CI after the tests) names a real tmpfs mounted at an
 * {@code oomlab-run-*} directory, and such a directory left without its mount. Its tmp directory and
 * cgroup roots are moved to this test's own directory, so runs of other processes on this machine
 * do not enter the assertions; the mount table is the real one.
 */
class CheckLeftoversSeesTmpfsMountsTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "check-leftovers");

  @TempDir Path tmp;
  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) run("umount", mounted.toString());
  }

  @Test
  void namesATmpfsMountAndADirectoryLeftBehind() throws Exception {
    KernelRequirement.requireRoot();
    Path mountPoint = Files.createDirectory(tmp.resolve("oomlab-run-1-0.left"));
    run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "oomlab", mountPoint.toString());
    mounted = mountPoint;
    Path bareDir = Files.createDirectory(tmp.resolve("oomlab-run-2-0.bare"));

    Result r = checkLeftovers();

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("  tmpfs mount " + mountPoint + "\n", "  tmpfs directory " + bareDir + "\n");

    run("umount", mountPoint.toString());
    mounted = null;
    Files.delete(mountPoint);
    Files.delete(bareDir);
    assertThat(checkLeftovers().stderr()).doesNotContain(tmp.toString());
  }

  private record Result(int exit, String stderr) {}

  private Result checkLeftovers() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString());
    pb.environment().put("OOMLAB_LEFTOVER_TMP", tmp.toString());
    pb.environment().put("OOMLAB_LEFTOVER_CGROUP_ROOTS", tmp.resolve("no-cgroups").toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), err);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
