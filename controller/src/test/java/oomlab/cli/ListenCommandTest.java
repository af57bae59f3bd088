package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import oomlab.agent.cgroup.MemoryHierarchy;
import oomlab.agent.listen.OomEvent;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of {@code oomlab listen} that need no kernel: paths, JSON, usage errors, exit codes. */
class ListenCommandTest {
  private static final MemoryHierarchy V1 = new MemoryHierarchy(CgroupVersion.V1, Path.of("/sys/fs/cgroup/memory"));

  @Test
  void cgroupPathsAreRelativeToTheMountOrAbsoluteUnderIt() {
    Path a = Path.of("/sys/fs/cgroup/memory/oomlab/run-1-x/A");
    assertThat(ListenCommand.resolve(V1, "/oomlab/run-1-x/A")).contains(a);
    assertThat(ListenCommand.resolve(V1, "oomlab/run-1-x/A")).contains(a);
    assertThat(ListenCommand.resolve(V1, a.toString())).contains(a);
    assertThat(ListenCommand.resolve(V1, "/")).contains(Path.of("/sys/fs/cgroup/memory"));
    assertThat(ListenCommand.resolve(V1, "/oomlab/../../unified")).isEmpty();
    assertThat(ListenCommand.resolve(V1, "/sys/fs/cgroup/memory/../cpu")).isEmpty();
  }

  @Test
  void jsonLineHasTheDocumentedFieldsInOrder() {
    assertThat(ListenCommand.jsonLine(new OomEvent(123456789L, "/oomlab/r \"q\"", OomEvent.Kind.OOM_KILL, 2)))
        .isEqualTo("{\"t_mono_ns\":123456789,\"cgroup\":\"/oomlab/r \\\"q\\\"\",\"kind\":\"oom_kill\",\"count\":2}");
  }

  @Test
  void printerStopsAtCountAndPrintsRemovedOncePerCgroup() {
    StringWriter out = new StringWriter();
    var printer = new ListenCommand.LinePrinter(new PrintWriter(out), null, 2);
    printer.accept(new OomEvent(1, "A", OomEvent.Kind.OOM, 1));
    printer.accept(new OomEvent(2, "A", OomEvent.Kind.REMOVED, 1));
    printer.accept(new OomEvent(2, "A", OomEvent.Kind.REMOVED, 1)); // its threshold registration
    assertThat(printer.done.getCount()).isEqualTo(1);
    printer.accept(new OomEvent(3, "B", OomEvent.Kind.REMOVED, 1));
    assertThat(printer.done.getCount()).isZero();
    printer.accept(new OomEvent(4, "B", OomEvent.Kind.OOM, 1)); // after done: not printed
    assertThat(out.toString().lines()).hasSize(3);

    StringWriter two = new StringWriter();
    var counting = new ListenCommand.LinePrinter(new PrintWriter(two), 2L, 1);
    for (int i = 0; i < 5; i++) counting.accept(new OomEvent(i, "A", OomEvent.Kind.OOM, 1));
    assertThat(two.toString().lines()).hasSize(2);
    assertThat(counting.done.getCount()).isZero();
  }

  @Test
  void durationsReadLikeAHumanWritesThem() {
    var c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(ListenCommand cmd, String... args) {
    // A prepared instance (with a test seam set) runs as a command of its own, without "listen".
    CommandLine cl = cmd == null ? Oomlab.commandLine() : new CommandLine(cmd);
    if (cmd != null) args = java.util.Arrays.copyOfRange(args, 1, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void badDurationIsBadInput() {
    Run r = run(null, "listen", "/oomlab", "--timeout", "soon");
    assertThat(r.exit()).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(r.err()).contains("'soon' is not a duration");
  }

  @Test
  void notRootIsEnvironmentMissingInOneLine() {
    ListenCommand cmd = new ListenCommand();
    cmd.root = () -> false;
    Run r = run(cmd, "listen", "/oomlab");
    assertThat(r.exit()).isEqualTo(Oomlab.EXIT_ENVIRONMENT);
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("oomlab listen: must run as root");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpExplainsCgroupPathsWithAnExample() {
    Run r = run(null, "listen", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("a path relative to the memory controller's mount").contains("oomlab listen /oomlab/run-4242-demo/A");
  }
}
