package oomlab.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs a careless or hostile user hands {@code oomlab run}: each is refused by the loader with one
 * line naming the file, the field (where there is one) and the problem in words, without reading
 * more than the size cap. Devices and pipes are refused on their type, never opened.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostileScenarioInputTest {
  private static final String BASE = """
      name: base
      cgroups:
        A: { limit: 64M }
      tasks:
        big: { cgroup: A, allocate: 48M }
      """;

  @TempDir Path dir;

  @Test
  void devicesAreRefusedOnTheirTypeWithoutReadingThem() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("/dev/zero")))
        .hasMessage("/dev/zero: (file): not a regular file (a character device): a scenario is a .yaml file");
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("/dev/urandom")))
        .hasMessageStartingWith("/dev/urandom: (file): not a regular file (a character device)");
  }

  @Test
  void aNamedPipeIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("pipe.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    // Opening a pipe without a writer blocks forever: the @Timeout catches a loader that opens it.
    assertThatThrownBy(() -> ScenarioLoader.load(fifo))
        .hasMessage(fifo + ": (file): not a regular file (a named pipe): a scenario is a .yaml file");
    assertThatThrownBy(() -> ScenarioLoader.loadAll(java.util.List.of(fifo))).hasMessageContaining("a named pipe");
  }

  @Test
  void aFileOverTheCapIsRefusedOnItsSize() throws IOException {
    Path big = dir.resolve("big.yaml");
    // Comments only: valid YAML that a loader without a cap would read and then run as BASE.
    String comments = ("# " + "x".repeat(1000) + "\n").repeat(10_600);
    Files.writeString(big, BASE + comments);
    assertThatThrownBy(() -> ScenarioLoader.load(big))
        .hasMessage(big + ": (file): 10.1 MiB, more than the 1 MiB a scenario file may have");
  }

  @Test
  void aProcFileThatReportsSizeZeroIsReadOnlyUpToTheCap() {
    // /proc/self/mountinfo says size 0; it is small, so it is read and refused as YAML, quickly.
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("/proc/self/mountinfo")))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("/proc/self/mountinfo: ").doesNotContain("\n"));
  }

  @Test
  void binaryInputIsNamedAtItsFirstBadByte() throws IOException {
    Path bin = dir.resolve("bin.yaml");
    Files.write(bin, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'x', '\n', 'a', (byte) 0xff, (byte) 0xfe, 0});
    assertThatThrownBy(() -> ScenarioLoader.load(bin))
        .hasMessage(bin + ": line 2, column 2: byte 0xff is not UTF-8: binary data, not YAML text");
  }

  @Test
  void aNulByteIsReportedWhereItIs() throws IOException {
    Path nul = dir.resolve("nul.yaml");
    Files.write(nul, (BASE + "description: a\0b\n").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ScenarioLoader.load(nul))
        .hasMessage(nul + ": line 6, column 15: a NUL byte: binary data, not YAML text");
  }

  @Test
  void aDirectoryGivenAsAFileOrASuiteWithoutScenariosIsNamed() {
    assertThatThrownBy(() -> ScenarioLoader.load(dir)).hasMessage(dir + ": (file): not a regular file (a directory): a scenario is a .yaml file");
    assertThatThrownBy(() -> ScenarioLoader.loadAll(java.util.List.of(dir))).hasMessage(dir + ": (suite): no *.yaml scenario files");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      oomKillDisable yes|A: { limit: 64M }|A: { limit: 64M, oomKillDisable: yes }|x.yaml: cgroups.A.oomKillDisable: expected true or false, found "yes"
      oomKillDisable on|A: { limit: 64M }|A: { limit: 64M, oomKillDisable: on }|x.yaml: cgroups.A.oomKillDisable: expected true or false, found "on"
      oomGroup y|A: { limit: 64M }|A: { limit: 64M, oomGroup: y }|x.yaml: cgroups.A.oomGroup: expected true or false, found "y"
      duplicate task key|big: { cgroup: A, allocate: 48M }|big: { cgroup: A, allocate: 48M, allocate: 8M }|x.yaml: tasks.big.allocate: line 5, column 36: given twice (first at line 5)
      duplicate cgroup|A: { limit: 64M }|A: { limit: 64M }\\n  A: { limit: 32M }|x.yaml: cgroups.A: line 4, column 3: given twice (first at line 3)
      malformed flow mapping|big: { cgroup: A, allocate: 48M }|big: { cgroup: A, allocate: 48M|x.yaml: tasks.big: line 6, column 1: expected ',' or '}', but got <stream end> (while parsing a flow mapping that starts at line 5, column 8)
      alias as a value|big: { cgroup: A, allocate: 48M }|big: { cgroup: A, allocate: *size }|x.yaml: tasks.big.allocate: line 5, column 31: an alias (*size): aliases are not supported, write the value out
      """)
  void strictYamlIsRefusedWithTheFieldPath(String what, String from, String to, String message) {
    String yaml = BASE.replace(from, to.replace("\\n", "\n"));
    assertThat(yaml).as(what).isNotEqualTo(BASE);
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml)).as(what).hasMessage(message);
  }

  @Test
  void anAliasOfAnAnchoredMappingIsRefused() {
    String yaml = BASE.replace("A: { limit: 64M }", "A: &lim { limit: 64M }\n  B: *lim");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml))
        .hasMessage("x.yaml: cgroups.B: line 4, column 6: an alias (*lim): aliases are not supported, write the value out");
  }

  @Test
  void aSecondDocumentIsRefused() {
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", BASE + "---\n" + BASE.replace("base", "second")))
        .hasMessage("x.yaml: line 7, column 1: a second YAML document: a scenario file holds one document");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", "---\n" + BASE + "...\n---\n"))
        .hasMessageContaining("a second YAML document");
  }

  @Test
  void deepNestingIsRefusedInOneLine() {
    String deep = BASE + "description: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", deep))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("x.yaml: description").contains("nested deeper than a scenario can be").doesNotContain("\n"));
  }

  @Test
  void moreTasksOrCgroupsThanTheModelHandlesAreRefused() throws ScenarioException {
    StringBuilder tasks = new StringBuilder("name: many\ncgroups:\n  A: { limit: 2G }\ntasks:\n");
    for (int i = 0; i < Scenario.MAX_TASKS + 1; i++) tasks.append("  t").append(i).append(": { cgroup: A, allocate: 1M }\n");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", tasks.toString()))
        .hasMessage("x.yaml: tasks: 31 tasks, more than the 30 the model handles");
    StringBuilder cgroups = new StringBuilder("name: many\ncgroups:\n");
    for (int i = 0; i < Scenario.MAX_CGROUPS + 1; i++) cgroups.append("  C").append(i).append(": { limit: 8M }\n");
    cgroups.append("tasks:\n  t: { cgroup: C0, allocate: 1M }\n");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", cgroups.toString()))
        .hasMessage("x.yaml: cgroups: 31 cgroups, more than the 30 the model handles");
    StringBuilder thirty = new StringBuilder("name: many\ncgroups:\n  A: { limit: 2G }\ntasks:\n");
    for (int i = 0; i < Scenario.MAX_TASKS; i++) thirty.append("  t").append(i).append(": { cgroup: A, allocate: 1M }\n");
    assertThat(ScenarioLoader.parse("x.yaml", thirty.toString()).tasks()).hasSize(30);
    StringBuilder handlers = new StringBuilder("name: many\ncgroups:\n  A: { limit: 8M }\ntasks:\n  t: { cgroup: A, allocate: 16M }\nhandlers:\n");
    for (int i = 0; i < Scenario.MAX_HANDLERS + 1; i++) handlers.append("  - on: oom A\n    do: raise-limit A 96M\n");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", handlers.toString()))
        .hasMessage("x.yaml: handlers: 64 handlers, more than the 63 the model handles");
  }
}
