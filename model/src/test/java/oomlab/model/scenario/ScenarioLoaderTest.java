package oomlab.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {

  /** A valid scenario every error test breaks in exactly one place. */
  private static final String BASE = """
          name: base
          cgroups:
            A: { limit: 64M }
            A/B: { limit: 32M }
          tasks:
            big: { cgroup: A/B, allocate: 48M }
            small: { cgroup: A, allocate: 8M }
          """;

  /** BASE with every task in a leaf cgroup, so it can run on cgroup v2 too. */
  private static final String LEAVES_ONLY = BASE.replace("small: { cgroup: A,", "small: { cgroup: A/B,");

  @Test
  void parsesTheDesignExample() throws Exception {
    Scenario s = ScenarioLoader.load(Path.of("src/test/resources/scenarios/design-example.yaml"));

    assertThat(s.name()).isEqualTo("hog-over-limit");
    assertThat(s.description()).isEqualTo("one task over a 32M limit is OOM-killed");
    assertThat(s.cgroupMode()).isEqualTo(CgroupMode.ANY);
    assertThat(s.cgroups()).containsExactly(
        CgroupSpec.limited("A", 64 * Size.M),
        new CgroupSpec("A/B", OptionalLong.of(32 * Size.M), false, false, OptionalLong.of(0), OptionalLong.empty()));
    assertThat(s.tasks()).containsExactly(
        TaskSpec.touching("big", "A/B", 48 * Size.M),
        new TaskSpec("small", "A", 8 * Size.M, TaskSpec.DEFAULT_STEP, AllocationMode.TOUCH, -1000, 1,
            Optional.empty(), Optional.of(new StartCondition("big", 16 * Size.M))));
    assertThat(s.handlers()).containsExactly(
        new Handler(new HandlerTrigger.Oom("A/B"), new HandlerAction.RaiseLimit("A/B", 96 * Size.M)));
    assertThat(s.expect()).contains(new Expect(List.of("big"), List.of("small"), List.of()));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.needsCapSysResource()).isTrue();
  }

  @Test
  void defaultsApplyWhenKeysAreAbsent() throws Exception {
    Scenario s = ScenarioLoader.parse("x.yaml", BASE);

    assertThat(s.description()).isEmpty();
    assertThat(s.cgroupMode()).isEqualTo(CgroupMode.ANY);
    assertThat(s.handlers()).isEmpty();
    assertThat(s.expect()).isEmpty();
    assertThat(s.timeout()).isEqualTo(Scenario.DEFAULT_TIMEOUT);
    TaskSpec big = s.task("big").orElseThrow();
    assertThat(big.step()).isEqualTo(Size.M);
    assertThat(big.mode()).isEqualTo(AllocationMode.TOUCH);
    assertThat(big.threads()).isEqualTo(1);
    assertThat(big.oomScoreAdj()).isZero();
    assertThat(s.needsCapSysResource()).isFalse();
  }

  @Test
  void parsesEveryHandlerActionAndOptionalField() throws Exception {
    Scenario s = ScenarioLoader.parse("x.yaml", """
            name: all-actions
            cgroup: v1
            cgroups:
              A: { limit: 1048576, oomKillDisable: true, swap: 4M }
              C: { limit: 16M, high: 8M, oomGroup: true }
            tasks:
              a: { cgroup: A, allocate: 0, mode: tmpfs, threads: 4, step: 512K }
              b: { cgroup: A, allocate: 2M, shareMm: a, mode: mlock }
              c: { cgroup: C, allocate: 2M, mode: populate }
            handlers:
              - { on: oom A, do: kill b }
              - { on: oom A, do: move c A }
              - { on: oom A, do: oom-kill-disable A 0 }
            expect: { blocked: [a], killed: [b] }
            timeout: 500ms
            """);

    assertThat(s.cgroupMode()).isEqualTo(CgroupMode.V1);
    assertThat(s.cgroup("A").orElseThrow().limit()).hasValue(Size.M);
    assertThat(s.cgroup("A").orElseThrow().swap()).hasValue(4 * Size.M);
    assertThat(s.cgroup("C").orElseThrow().high()).hasValue(8 * Size.M);
    assertThat(s.task("a").orElseThrow()).isEqualTo(new TaskSpec("a", "A", 0, 512 * Size.K, AllocationMode.TMPFS,
        0, 4, Optional.empty(), Optional.empty()));
    assertThat(s.task("b").orElseThrow().shareMm()).contains("a");
    assertThat(s.handlers()).extracting(Handler::action).containsExactly(
        new HandlerAction.Kill("b"), new HandlerAction.Move("c", "A"), new HandlerAction.EnableOomKiller("A"));
    assertThat(s.expect().orElseThrow().blocked()).containsExactly("a");
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(500));
  }

  /** Each row: a replacement applied to BASE, the field path the message must name, a word of the problem. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
          name: base|name: Base_1|name|[a-z0-9-]
          name: base|name: base\\nextra: 1|extra|unknown key
          A: { limit: 64M }|A: { limit: 64M, limt: 1M }|cgroups.A.limt|unknown key
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48Q }|tasks.big.allocate|"48Q" is not a size
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: -1 }|tasks.big.allocate|not a size
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 2048G }|tasks.big.allocate|too large
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, step: 0 }|tasks.big.step|too small
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B }|tasks.big.allocate|missing
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, mode: swap }|tasks.big.mode|allocation mode
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, oomScoreAdj: 1001 }|tasks.big.oomScoreAdj|[-1000, 1000]
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, oomScoreAdj: -1001 }|tasks.big.oomScoreAdj|out of range
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, threads: 0 }|tasks.big.threads|out of range
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/C, allocate: 48M }|tasks.big.cgroup|unknown cgroup "A/C"
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, shareMm: nobody }|tasks.big.shareMm|unknown task "nobody"
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, shareMm: big }|tasks.big.shareMm|own mm
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, start: after nobody 1M }|tasks.big.start|unknown task "nobody"
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, start: after small 16M }|tasks.big.start|allocates only 8M
          big: { cgroup: A/B, allocate: 48M }|big: { cgroup: A/B, allocate: 48M, start: when small 1M }|tasks.big.start|after <task> <size>
          A: { limit: 64M }|A: { limit: 0 }|cgroups.A.limit|too small
          A: { limit: 64M }|A: { limit: 2T }|cgroups.A.limit|"2T" is not a size
          A: { limit: 64M }|A: { limit: 64M, oomKillDisable: 1 }|cgroups.A.oomKillDisable|true or false
          A/B: { limit: 32M }|A/B/../B: { limit: 32M }|cgroups.A/B/../B|".." is not allowed
          A/B: { limit: 32M }|/A/B: { limit: 32M }|cgroups./A/B|no leading /
          A/B: { limit: 32M }|A//B: { limit: 32M }|cgroups.A//B|empty path component
          A/B: { limit: 32M }|A/B c: { limit: 32M }|cgroups.A/B c|must match
          A/B: { limit: 32M }|A/cgroup.procs: { limit: 32M }|cgroups.A/cgroup.procs|interface file
          A/B: { limit: 32M }|X/B: { limit: 32M }|cgroups.X/B|parent "X" must be listed before it
          A: { limit: 64M }|A: {}|tasks.small.cgroup|has a limit
          small: { cgroup: A, allocate: 8M }|small: { cgroup: A, allocate: 8M }\\ntimeout: 0s|timeout|more than zero
          small: { cgroup: A, allocate: 8M }|small: { cgroup: A, allocate: 8M }\\ntimeout: 30|timeout|not a duration
          small: { cgroup: A, allocate: 8M }|small: { cgroup: A, allocate: 8M }\\ncgroup: v3|cgroup|any | v1 | v2
          """)
  void reportsTheFieldOfEachError(String from, String to, String field, String problem) {
    String yaml = BASE.replace(from, to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(BASE);

    assertThatThrownBy(() -> ScenarioLoader.parse("scenarios/x.yaml", yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("scenarios/x.yaml: " + field + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
          - { on: oom A/C, do: kill big }|handlers[0].on|unknown cgroup "A/C"
          - { on: oops A, do: kill big }|handlers[0].on|oom <cgroup> | after <task> <size>
          - { on: after nobody 1M, do: kill big }|handlers[0].on|unknown task "nobody"
          - { on: after small 16M, do: kill big }|handlers[0].on|"small" allocates only 8M, never 16M
          - { on: after small 1Q, do: kill big }|handlers[0].on|"1Q" is not a size
          - { on: after small, do: kill big }|handlers[0].on|not a trigger
          - { on: after small 1M, do: set-limit Z 1M }|handlers[0].do|unknown cgroup "Z"
          - { on: after small 1M, do: set-limit A 0 }|handlers[0].do|a limit of 0 is not allowed
          - { on: after small 1M, do: set-limit A 1X }|handlers[0].do|"1X" is not a size
          - { on: after small 1M, do: set-limit A }|handlers[0].do|set-limit <cgroup> <size>
          - { on: oom A, do: kill nobody }|handlers[0].do|unknown task "nobody"
          - { on: oom A, do: move big Z }|handlers[0].do|unknown cgroup "Z"
          - { on: oom A, do: raise-limit A 32M }|handlers[0].do|does not raise
          - { on: oom A, do: raise-limit A 9Z }|handlers[0].do|"9Z" is not a size
          - { on: oom A, do: oom-kill-disable A 1 }|handlers[0].do|only be set to 0
          - { on: oom A, do: reboot }|handlers[0].do|not an action
          - { on: oom A, do: kill big, when: now }|handlers[0].when|unknown key
          - { on: oom A, do: kill big }\\n  - 7|handlers[1]|expected a mapping
          """)
  void reportsTheFieldOfEachHandlerError(String handler, String field, String problem) {
    String yaml = BASE + "handlers:\n  " + handler.replace("\\n", "\n") + "\n";

    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml))
        .hasMessageStartingWith("x.yaml: " + field + ": ")
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
          { killed: [nobody] }|expect.killed[0]|unknown task "nobody"
          { killed: [big], survived: [small, big] }|expect.survived[1]|already in expect.killed
          { killed: [big], died: [small] }|expect.died|unknown key
          { blocked: big }|expect.blocked|expected a list
          { killed: [yes] }|expect.killed[0]|unknown task "yes" (not in tasks:)
          { killed: [true] }|expect.killed[0]|found the boolean true
          { handlers: { 2: EBUSY } }|expect.handlers.2|no handler 2 (handlers: has 2)
          { handlers: { 1: ok } }|expect.handlers.1|"kill big" has no result to expect
          { handlers: { 0: busy } }|expect.handlers.0|"busy" is not a write result
          { handlers: { 0: 16 } }|expect.handlers.0|"16" is not a write result
          { handlers: { first: ok } }|expect.handlers.first|expected a handler index
          { handlers: [ok] }|expect.handlers|expected a mapping
          """)
  void reportsTheFieldOfEachExpectError(String expect, String field, String problem) {
    String yaml = BASE + "handlers: [ { on: after small 8M, do: set-limit A 4M }, { on: oom A, do: kill big } ]\n"
        + "expect: " + expect + "\n";

    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml))
        .hasMessageStartingWith("x.yaml: " + field + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void parsesTheAfterTriggerSetLimitAndExpectedWriteResults() throws Exception {
    Scenario s = ScenarioLoader.parse("x.yaml", BASE + """
            handlers:
              - { on: after big 48M, do: set-limit A/B 16M }
              - { on: oom A/B, do: set-limit A 128M }
              - { on: after small 0, do: raise-limit A 96M }
            expect: { survived: [small], handlers: { 0: EBUSY, 2: ok } }
            """);

    assertThat(s.handlers()).containsExactly(
        new Handler(new HandlerTrigger.After("big", 48 * Size.M), new HandlerAction.SetLimit("A/B", 16 * Size.M)),
        new Handler(new HandlerTrigger.Oom("A/B"), new HandlerAction.SetLimit("A", 128 * Size.M)),
        new Handler(new HandlerTrigger.After("small", 0), new HandlerAction.RaiseLimit("A", 96 * Size.M)));
    assertThat(s.handlers().get(0)).hasToString("on after big 48M do set-limit A/B 16M");
    assertThat(s.expect().orElseThrow().handlers()).containsExactly(
        java.util.Map.entry(0, "EBUSY"), java.util.Map.entry(2, "ok"));
  }

  @Test
  void refusesTasksThatWaitForEachOtherInACycle() {
    String yaml = BASE.replace("big: { cgroup: A/B, allocate: 48M }",
            "big: { cgroup: A/B, allocate: 48M, start: after small 1M }")
        .replace("small: { cgroup: A, allocate: 8M }", "small: { cgroup: A/B, allocate: 8M, shareMm: big }");

    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml))
        .hasMessage("x.yaml: tasks.big: tasks wait for each other in a cycle: big -> small -> big");
  }

  @Test
  void refusesShareMmChains() {
    String yaml = BASE.replace("small: { cgroup: A, allocate: 8M }", """
            small: { cgroup: A/B, allocate: 8M, shareMm: big }
              third: { cgroup: A/B, allocate: 8M, shareMm: small }""");

    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml))
        .hasMessageStartingWith("x.yaml: tasks.third.shareMm: ")
        .hasMessageContaining("name the mm's owner");
  }

  @Test
  void refusesMmSharersTheModelCannotFollow() {
    String otherCgroup = BASE.replace("small: { cgroup: A, allocate: 8M }", "small: { cgroup: A, allocate: 8M, shareMm: big }");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", otherCgroup))
        .hasMessageStartingWith("x.yaml: tasks.small.shareMm: \"big\" is in cgroup \"A/B\", not \"A\"");
    String otherAdj = BASE.replace("small: { cgroup: A, allocate: 8M }",
        "small: { cgroup: A/B, allocate: 8M, shareMm: big, oomScoreAdj: 500 }");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", otherAdj))
        .hasMessageStartingWith("x.yaml: tasks.small.shareMm: \"big\" has oomScoreAdj 0, not 500");
    String moved = BASE.replace("small: { cgroup: A, allocate: 8M }", "small: { cgroup: A/B, allocate: 8M, shareMm: big }")
        + "handlers:\n  - { on: oom A, do: move big A }\n";
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", moved))
        .hasMessageStartingWith("x.yaml: handlers[0].do: \"big\" shares an mm");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirLine() {
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", "name: a\ntasks: [\n"))
        .hasMessageStartingWith("x.yaml: tasks: line 3, column 1: expected the node content")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", BASE + "name: again\n"))
        .hasMessage("x.yaml: name: line 8, column 1: given twice (first at line 1)");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", ""))
        .hasMessage("x.yaml: (top): expected a mapping, found nothing");
  }

  @Test
  void loadsASuiteSortedByFileNameAndRefusesDuplicateNames(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.yaml"), BASE.replace("name: base", "name: second"));
    Files.writeString(dir.resolve("a.yaml"), BASE.replace("name: base", "name: first"));
    Files.writeString(dir.resolve("notes.txt"), "not a scenario");

    assertThat(ScenarioLoader.loadSuite(dir)).extracting(Scenario::name).containsExactly("first", "second");

    Files.writeString(dir.resolve("c.yaml"), BASE.replace("name: base", "name: first"));
    assertThatThrownBy(() -> ScenarioLoader.loadSuite(dir))
        .hasMessage(dir.resolve("c.yaml") + ": name: \"first\" is also the name of " + dir.resolve("a.yaml"));
  }

  @Test
  void namesAMissingFileOrSuite(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ScenarioLoader.load(missing))
        .hasMessage(missing + ": (file): cannot read: no such file or directory");
    assertThatThrownBy(() -> ScenarioLoader.loadAll(List.of(missing)))
        .hasMessage(missing + ": (file): cannot read: no such file or directory");
    assertThatThrownBy(() -> ScenarioLoader.loadSuite(dir))
        .hasMessage(dir + ": (suite): no *.yaml scenario files");
  }

  @Test
  void refusesKnobsOfTheOtherHierarchy() throws Exception {
    Scenario v1Knob = ScenarioLoader.parse("x.yaml", BASE.replace("A/B: { limit: 32M }", "A/B: { limit: 32M, oomKillDisable: true }"));
    Scenario v2Knob = ScenarioLoader.parse("x.yaml", LEAVES_ONLY.replace("A/B: { limit: 32M }", "A/B: { limit: 32M, oomGroup: true }"));
    Scenario high = ScenarioLoader.parse("x.yaml", BASE.replace("A/B: { limit: 32M }", "A/B: { limit: 32M, high: 16M }"));
    Scenario v1Only = ScenarioLoader.parse("x.yaml", BASE + "cgroup: v1\n");
    Scenario handler = ScenarioLoader.parse("x.yaml", LEAVES_ONLY + "handlers: [ { on: oom A, do: oom-kill-disable A 0 } ]\n");

    assertThat(v1Knob.refusalOn(CgroupVersion.V2)).hasValueSatisfying(r -> assertThat(r).startsWith("cgroups.A/B.oomKillDisable: v1 only"));
    assertThat(v1Knob.refusalOn(CgroupVersion.V1)).isEmpty();
    assertThat(v2Knob.refusalOn(CgroupVersion.V1)).hasValueSatisfying(r -> assertThat(r).startsWith("cgroups.A/B.oomGroup: v2 only"));
    assertThat(v2Knob.refusalOn(CgroupVersion.V2)).isEmpty();
    assertThat(high.refusalOn(CgroupVersion.V1)).hasValueSatisfying(r -> assertThat(r).startsWith("cgroups.A/B.high: v2 only"));
    assertThat(v1Only.refusalOn(CgroupVersion.V2)).contains("cgroup: scenario is v1 only, this hierarchy is v2");
    assertThat(v1Only.refusalOn(CgroupVersion.V1)).isEmpty();
    assertThat(handler.refusalOn(CgroupVersion.V2)).hasValueSatisfying(r -> assertThat(r).startsWith("handlers[0].do: oom-kill-disable is v1 only"));
  }

  @Test
  void refusesATaskInACgroupWithChildrenOnV2Only() throws Exception {
    Scenario inner = ScenarioLoader.parse("x.yaml", BASE);

    assertThat(inner.refusalOn(CgroupVersion.V2)).contains("tasks.small.cgroup: A has child cgroups (A/B), and on cgroup v2"
        + " a cgroup with the memory controller enabled for its children holds no processes (no-internal-process rule):"
        + " put the task in a leaf cgroup");
    assertThat(inner.refusalOn(CgroupVersion.V1)).isEmpty();
    assertThat(ScenarioLoader.parse("x.yaml", LEAVES_ONLY).refusalOn(CgroupVersion.V2)).isEmpty();
  }

  @Test
  void refusesAMoveIntoACgroupWithChildrenOnV2() throws Exception {
    Scenario move = ScenarioLoader.parse("x.yaml", LEAVES_ONLY + "handlers: [ { on: oom A/B, do: move small A } ]\n");

    assertThat(move.refusalOn(CgroupVersion.V2)).hasValueSatisfying(r ->
        assertThat(r).startsWith("handlers[0].do: move small A: A has child cgroups (A/B), and on cgroup v2"));
    assertThat(move.refusalOn(CgroupVersion.V1)).isEmpty();
  }
}
