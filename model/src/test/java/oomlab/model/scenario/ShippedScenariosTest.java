package oomlab.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every scenario shipped in the repository's {@code scenarios/} validates, and the suites are what the issues ask for. */
class ShippedScenariosTest {
  /** Surefire runs in the module directory, one level below the repository root. */
  private static final Path SCENARIOS = Path.of("..", "scenarios");

  @Test
  void everyShippedSuiteLoadsWithUniqueNames() throws Exception {
    List<Path> suites;
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      suites = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(suites).extracting(p -> p.getFileName().toString()).contains("basic", "v2");

    List<Scenario> all = ScenarioLoader.loadAll(suites);
    List<Scenario> perSuite = new ArrayList<>();
    for (Path suite : suites) perSuite.addAll(ScenarioLoader.loadSuite(suite));
    assertThat(all).isEqualTo(perSuite);
    assertThat(all).allSatisfy(s -> assertThat(s.expect()).as(s.name() + " has expect:").isPresent());
  }

  @Test
  void basicSuiteHasAtLeastTenScenariosCoveringEveryMode() throws Exception {
    List<Scenario> basic = ScenarioLoader.loadSuite(SCENARIOS.resolve("basic"));

    assertThat(basic).hasSizeGreaterThanOrEqualTo(10);
    assertThat(basic).flatExtracting(Scenario::tasks).extracting(TaskSpec::mode)
        .contains(AllocationMode.values());
    assertThat(basic).allSatisfy(s -> assertThat(s.refusalOn(CgroupVersion.V1)).as(s.name()).isEmpty());
  }

  @Test
  void v2SuiteRunsOnlyOnV2() throws Exception {
    List<Scenario> v2 = ScenarioLoader.loadSuite(SCENARIOS.resolve("v2"));

    assertThat(v2).isNotEmpty().allSatisfy(s -> {
      assertThat(s.refusalOn(CgroupVersion.V2)).as(s.name()).isEmpty();
      assertThat(s.refusalOn(CgroupVersion.V1)).as(s.name()).isPresent();
    });
  }

  @Test
  void everyShippedScenarioRunsOnEveryHierarchyItClaims() throws Exception {
    List<Path> suites;
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      suites = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Scenario s : ScenarioLoader.loadAll(suites)) {
      for (CgroupVersion v : CgroupVersion.values()) {
        if (s.cgroupMode().allows(v)) assertThat(s.refusalOn(v)).as(s.name() + " on " + v).isEmpty();
      }
    }
  }
}
