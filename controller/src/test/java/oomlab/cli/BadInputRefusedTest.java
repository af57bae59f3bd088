package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of the battery in issue 13, through the real command line: exit 2, one line on
 * stderr naming the file and the field (or the option) and the problem, nothing created (no
 * results directory, no run directory below the agent root, no tmpfs), and it costs nothing: the
 * refusal allocates less than 300 MB on the command's thread (the 10 MB file used to cost 1.35 GB,
 * /dev/zero 5.5 GB) and returns within 2 s (a bound on the work, not a benchmark: the 10 MB file
 * took 12 s, /dev/zero until the heap ran out, a named pipe forever; a refusal takes milliseconds).
 */
@Timeout(20)
class BadInputRefusedTest {
  private static final String BASE = """
      name: base
      cgroups:
        A: { limit: 64M }
      tasks:
        big: { cgroup: A, allocate: 48M }
      """;
  private static final long MAX_ALLOCATED = 300L << 20;

  @TempDir static Path dir;
  private final StringWriter err = new StringWriter();
  private Path out;

  @BeforeEach
  void outDir(@TempDir Path perTest) {
    out = perTest.resolve("out");
  }

  static Stream<Arguments> badScenarios() throws IOException, InterruptedException {
    List<Arguments> cases = new ArrayList<>();
    cases.add(file("oomKillDisable-yes", BASE.replace("limit: 64M", "limit: 64M, oomKillDisable: yes"),
        "cgroups.A.oomKillDisable: expected true or false, found \"yes\""));
    cases.add(file("two-documents", BASE + "---\n" + BASE, "line 7, column 1: a second YAML document"));
    cases.add(file("duplicate-key", BASE.replace("allocate: 48M", "allocate: 48M, allocate: 8M"),
        "tasks.big.allocate: line 5, column 36: given twice"));
    cases.add(file("malformed-flow", BASE.replace("48M }", "48M"),
        "tasks.big: line 6, column 1: expected ',' or '}', but got <stream end> (while parsing a flow mapping"));
    cases.add(file("alias", BASE.replace("allocate: 48M", "allocate: *x"), "tasks.big.allocate: line 5, column 31: an alias (*x)"));
    cases.add(file("nul-byte", "name: x\0\n", "line 1, column 8: a NUL byte"));
    cases.add(bytes("binary", new byte[] {'a', (byte) 0xc3, (byte) 0x28}, "line 1, column 2: byte 0xc3 is not UTF-8"));
    cases.add(file("comments-10MB", BASE + ("# " + "x".repeat(1000) + "\n").repeat(10_600), "(file): 10.1 MiB, more than the 1 MiB"));
    cases.add(file("big-10MB", "a".repeat(10 << 20), "(file): 10.0 MiB, more than the 1 MiB"));
    StringBuilder tasks = new StringBuilder("name: many\ncgroups:\n  A: { limit: 2G }\ntasks:\n");
    for (int i = 0; i < 31; i++) tasks.append("  t").append(i).append(": { cgroup: A, allocate: 1M }\n");
    cases.add(file("31-tasks", tasks.toString(), "tasks: 31 tasks, more than the 30 the model handles"));
    cases.add(file("oomGroup-on-v1", BASE.replace("limit: 64M", "limit: 64M, oomGroup: true"),
        "cgroups.A.oomGroup: v2 only (cgroup v1 has no memory.oom.group)"));
    Path fifo = dir.resolve("pipe.yaml");
    if (!Files.exists(fifo)) assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    cases.add(Arguments.of("named-pipe", fifo, "(file): not a regular file (a named pipe)"));
    cases.add(Arguments.of("dev-zero", Path.of("/dev/zero"), "(file): not a regular file (a character device)"));
    cases.add(Arguments.of("dev-urandom", Path.of("/dev/urandom"), "(file): not a regular file (a character device)"));
    return cases.stream();
  }

  private static Arguments file(String name, String text, String problem) throws IOException {
    return bytes(name, text.getBytes(StandardCharsets.UTF_8), problem);
  }

  private static Arguments bytes(String name, byte[] content, String problem) throws IOException {
    Path f = dir.resolve(name + ".yaml");
    Files.write(f, content);
    return Arguments.of(name, f, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badScenarios")
  void aBadScenarioIsOneLineNamingFileAndFieldAndCostsNothing(String name, Path file, String problem) throws IOException {
    long before = allocated();
    long started = System.nanoTime();
    int exit = run("run", file.toString(), "--target", "local", "--out", out.toString());
    long took = System.nanoTime() - started;
    long cost = allocated() - before;
    assertThat(exit).as(name).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString()).as(name).startsWith("oomlab run: " + file + ": " + problem);
    assertThat(err.toString().strip()).as(name).doesNotContain("\n").doesNotContain("Exception");
    assertThat(out).as(name + ": nothing created").doesNotExist();
    assertThat(ownRunDirectories()).as(name).isZero();
    assertThat(cost).as(name + ": bytes allocated").isLessThan(MAX_ALLOCATED);
    assertThat(took).as(name + ": nanoseconds to the refusal").isLessThan(2_000_000_000L);
  }

  @ParameterizedTest(name = "model check {0}")
  @MethodSource("badScenarios")
  void modelCheckRefusesTheSameInputs(String name, Path file, String problem) {
    if (name.equals("oomGroup-on-v1")) return; // model check picks v2 for it only when asked: a valid v1 refusal, other wording
    long before = allocated();
    int exit = run("model", "check", "--design", "mainline6", file.toString());
    assertThat(exit).as(name).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().strip()).as(name).startsWith("oomlab model: " + file + ": ").contains(problem).doesNotContain("\n");
    assertThat(allocated() - before).as(name + ": bytes allocated").isLessThan(MAX_ALLOCATED);
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(List.of("--max-states", "-5"), "Invalid value for option '--max-states': -5 is out of range: at least 1 states"),
        Arguments.of(List.of("--max-states", "0"), "Invalid value for option '--max-states': 0 is out of range: at least 1 states"),
        Arguments.of(List.of("--repeat", "0"), "Invalid value for option '--repeat': 0 is out of range: from 1 to 10000 runs"),
        Arguments.of(List.of("--repeat", "many"), "Invalid value for option '--repeat': 'many' is not a whole number"),
        Arguments.of(List.of("--settle", "0s"), "Invalid value for option '--settle': \"0s\" must be more than zero"),
        Arguments.of(List.of("--settle", "5q"), "Invalid value for option '--settle': \"5q\" is not a duration"),
        Arguments.of(List.of("--out="), "Invalid value for option '--out': an empty path: name the results directory"),
        Arguments.of(List.of("--out", "/dev/null"), "Invalid value for option '--out': /dev/null is a device, pipe or socket, not a directory"),
        Arguments.of(List.of("--out", "/proc/x"), "Invalid value for option '--out': /proc/x is on /proc, a proc filesystem of the kernel"),
        Arguments.of(List.of("--out", "/sys/fs/cgroup/memory/x"), "Invalid value for option '--out': /sys/fs/cgroup/memory/x is on /sys/fs/cgroup/memory, a cgroup filesystem"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void aBadOptionValueIsExit2WithTheReason(List<String> option, String message) throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.yaml"), BASE);
    List<String> args = new ArrayList<>(List.of("run", ok.toString(), "--target", "local"));
    args.addAll(option);
    if (option.stream().noneMatch(o -> o.startsWith("--out"))) args.addAll(List.of("--out", out.toString()));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().strip()).startsWith("oomlab: " + message).doesNotContain("\n");
    assertThat(out).doesNotExist();
    assertThat(ownRunDirectories()).isZero();
  }

  @ParameterizedTest(name = "--out {0}")
  @MethodSource("existingFile")
  void anExistingFileAsResultsDirectoryIsRefused(Path file) throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.yaml"), BASE);
    assertThat(run("run", ok.toString(), "--target", "local", "--out", file.toString())).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().strip()).isEqualTo("oomlab: Invalid value for option '--out': " + file + " is a file, not a directory");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  static Stream<Path> existingFile() throws IOException {
    return Stream.of(Files.writeString(dir.resolve("a-file"), "mine"));
  }

  private int run(String... args) {
    var cl = Oomlab.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  private static long allocated() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return threads.getCurrentThreadAllocatedBytes();
  }

  private static long ownRunDirectories() throws IOException {
    Path root = Path.of("/sys/fs/cgroup/memory/oomlab");
    if (!Files.isDirectory(root)) return 0;
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("run-" + ProcessHandle.current().pid() + "-")).count();
    }
  }
}
