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

  @Test
  void aRunInWhichEveryScenarioWasSkippedIsExit3() throws Exception {
    requireKernel(Files.exists(Path.of("/sys/fs/cgroup/memory/memory.oom_control")), "cgroup v1 memory controller");
    requireKernel("root".equals(System.getProperty("user.name")), "running as root");
    Path s = scenario("name: s\ncgroup: v2\ncgroups:\n  A: { limit: 32M }\ntasks:\n  hog: { cgroup: A, allocate: 48M }\n");
    assertThat(run("run", s.toString(), "--target", "local", "--out", dir.resolve("out").toString())).isEqualTo(Oomlab.EXIT_ENVIRONMENT);
    assertThat(err.toString().strip()).isEqualTo("oomlab run: nothing ran: every scenario was skipped or refused on this v1 hierarchy");
    assertThat(Files.readString(dir.resolve("out/summary.json"))).contains("\"skipped\"");
    assertThat(ownRunDirectories()).isZero();
  }

  @Test
  void anUnexpectedExceptionIsOneLineAndExit1WithTheTraceInTheResultsDirectory() throws Exception {
    var cl = Oomlab.commandLine(new Failing());
    cl.setErr(new PrintWriter(err, true));
    Path out = dir.resolve("results");
    assertThat(cl.execute("--out", out.toString())).isEqualTo(Oomlab.EXIT_EXPECT_FAILED);
    String line = err.toString().strip();
    assertThat(line).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ")
        .startsWith("failing: unexpected error (a bug in oomlab): the index went wrong; stack trace in " + out + "/crash-");
    Path trace = Path.of(line.substring(line.indexOf("stack trace in ") + "stack trace in ".length()));
    assertThat(Files.readString(trace)).contains("IllegalStateException: the index went wrong").contains("at oomlab.cli.RunCommandTest$Failing.call");
  }

  @picocli.CommandLine.Command(name = "failing")
  static final class Failing implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--out") Path out;

    @Override
    public Integer call() {
      throw new IllegalStateException("the index went wrong\nsecond line");
    }
  }

  private static void requireKernel(boolean present, String facility) {
    if (present) return;
    if ("1".equals(System.getenv("OOMLAB_REQUIRE_KERNEL"))) org.junit.jupiter.api.Assertions.fail("kernel facility missing: " + facility);
    org.junit.jupiter.api.Assumptions.abort("kernel facility missing: " + facility);
  }

  private static long ownRunDirectories() throws IOException {
    Path root = Path.of("/sys/fs/cgroup/memory/oomlab");
    if (!Files.isDirectory(root)) return 0;
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("run-" + ProcessHandle.current().pid() + "-")).count();
    }
  }
}
