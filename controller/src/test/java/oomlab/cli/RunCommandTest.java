package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is exit 2 with one line naming file, field and problem, before anything is created. */
class RunCommandTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cl = Oomlab.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  private Path scenario(String yaml) throws IOException {
    return Files.writeString(dir.resolve("s.yaml"), yaml);
  }

  @Test
  void anUnknownKeyIsOneLineNamingFileAndFieldAndNothingIsCreated() throws Exception {
    Path s = scenario("name: s\ncgroups:\n  A: { limit: 32M, limt: 1M }\ntasks:\n  hog: { cgroup: A, allocate: 48M }\n");
    assertThat(run("run", s.toString(), "--target", "local", "--out", dir.resolve("out").toString())).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().strip()).doesNotContain("\n").contains(s.toString()).contains("limt");
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(ownRunDirectories()).isZero();
  }

  @Test
  void anUnknownDesignIsBadInputNamingTheKnownOnes() throws Exception {
    Path s = scenario("name: s\ncgroups:\n  A: { limit: 32M }\ntasks:\n  hog: { cgroup: A, allocate: 48M }\n");
    assertThat(run("run", s.toString(), "--target", "local", "--designs", "mainline7", "--out", dir.resolve("out").toString()))
        .isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("mainline7").contains("mainline6");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  private static long ownRunDirectories() throws IOException {
    Path root = Path.of("/sys/fs/cgroup/memory/oomlab");
    if (!Files.isDirectory(root)) return 0;
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("run-" + ProcessHandle.current().pid() + "-")).count();
    }
  }
}
