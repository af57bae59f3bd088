package oomlab.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import oomlab.model.design.Designs;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.scenario.CgroupMode;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * The partial-order reduction may drop interleavings, never outcomes or violations: every shipped
 * scenario under every design gives the same allowed outcomes and the same broken invariants with
 * and without it, and the reduction does cut states somewhere.
 */
class ReductionSoundnessTest {
  /** A task that fits under its own limit forever, allocating while another one OOMs: what the reduction cuts. */
  private static final Scenario BESIDE_AN_OOM = parse("""
      name: beside-an-oom
      cgroups:
        X: { limit: 16M }
        Y: { limit: 24M }
      tasks:
        fits: { cgroup: X, allocate: 8M, step: 2M }
        hog:  { cgroup: Y, allocate: 32M, step: 2M }
      """);

  private static Scenario parse(String yaml) {
    try {
      return ScenarioLoader.parse("beside-an-oom.yaml", yaml);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void reducedAndFullExplorationsAllowTheSameOutcomesAndViolations() throws Exception {
    long reducedStates = 0;
    long fullStates = 0;
    List<Scenario> scenarios = new ArrayList<>();
    for (String suite : new String[] {"basic", "v2"}) scenarios.addAll(ScenarioLoader.loadSuite(Path.of("../scenarios/" + suite)));
    scenarios.add(BESIDE_AN_OOM);
    for (Scenario sc : scenarios) {
      CgroupVersion v = sc.cgroupMode() == CgroupMode.V2 ? CgroupVersion.V2 : CgroupVersion.V1;
      ModelScenario ms = ModelScenarios.from(sc, v);
      for (String d : Designs.names()) {
        var reduced = AllowedOutcomes.explore(Designs.create(d, ms), 2_000_000);
        var full = AllowedOutcomes.explore(Designs.create(d, ms).withoutReduction(), 2_000_000);
        assertThat(reduced.complete()).isTrue();
        assertThat(full.complete()).isTrue();
        assertThat(outcomes(reduced)).as(sc.name() + " under " + d).isEqualTo(outcomes(full));
        var all = EnumSet.allOf(Invariant.class);
        assertThat(ModelChecker.violations(reduced.model(), reduced.exploration(), all).keySet())
            .as(sc.name() + " under " + d)
            .isEqualTo(ModelChecker.violations(full.model(), full.exploration(), all).keySet());
        reducedStates += reduced.exploration().states();
        fullStates += full.exploration().states();
      }
    }
    assertThat(reducedStates).isLessThan(fullStates);
  }

  private static Set<ModelOutcome> outcomes(AllowedOutcomes a) {
    return a.entries().stream().map(AllowedOutcomes.Entry::outcome).collect(Collectors.toCollection(HashSet::new));
  }
}
