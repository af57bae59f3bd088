package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.CgroupMode;
import oomlab.model.scenario.CgroupSpec;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;
import org.junit.jupiter.api.Test;

class PreflightTest {
  private static Scenario scenario(CgroupMode mode, boolean oomKillDisable, int adj) {
    CgroupSpec a = new CgroupSpec("A", OptionalLong.of(32 * Size.M), oomKillDisable, false, OptionalLong.empty(), OptionalLong.empty());
    TaskSpec t = new TaskSpec("hog", "A", 48 * Size.M, Size.M, AllocationMode.TOUCH, adj, 1, Optional.empty(), Optional.empty());
    return new Scenario("s", "", mode, List.of(a), List.of(t), List.of(), Optional.empty(), Scenario.DEFAULT_TIMEOUT);
  }

  @Test
  void aScenarioForTheOtherHierarchyIsSkipped() {
    assertThat(Preflight.check(scenario(CgroupMode.V1, true, 0), CgroupVersion.V2, true))
        .map(Preflight.Refusal::kind).contains(Preflight.Kind.SKIP);
  }

  @Test
  void aKnobTheHierarchyLacksIsBadInput() {
    assertThat(Preflight.check(scenario(CgroupMode.ANY, true, 0), CgroupVersion.V2, true))
        .map(Preflight.Refusal::kind).contains(Preflight.Kind.BAD_INPUT);
  }

  @Test
  void aShareMmTaskWithThreadsIsBadInput() {
    Scenario s = scenario(CgroupMode.ANY, false, 0);
    TaskSpec owner = s.tasks().getFirst();
    TaskSpec sharer = new TaskSpec("b", "A", Size.M, Size.M, AllocationMode.TOUCH, 0, 2, Optional.of(owner.name()), Optional.empty());
    Scenario both = new Scenario("s", "", CgroupMode.ANY, s.cgroups(), List.of(owner, sharer), List.of(), Optional.empty(),
        Scenario.DEFAULT_TIMEOUT);
    assertThat(Preflight.check(both, CgroupVersion.V1, true)).map(Preflight.Refusal::reason)
        .hasValueSatisfying(r -> assertThat(r).startsWith("tasks.b.threads"));
  }

  @Test
  void aNegativeAdjWithoutCapSysResourceIsRefusedNamingTheCapability() {
    Optional<Preflight.Refusal> r = Preflight.check(scenario(CgroupMode.ANY, false, -1000), CgroupVersion.V1, false);
    assertThat(r).map(Preflight.Refusal::kind).contains(Preflight.Kind.ENVIRONMENT);
    assertThat(r.orElseThrow().reason()).contains("CAP_SYS_RESOURCE").contains("tasks.hog.oomScoreAdj");
    assertThat(Preflight.check(scenario(CgroupMode.ANY, false, -1000), CgroupVersion.V1, true)).isEmpty();
    assertThat(Preflight.check(scenario(CgroupMode.ANY, false, 1000), CgroupVersion.V1, false)).isEmpty();
  }

  @Test
  void moreThanTheMachineHasAvailableIsRefusedForTheEnvironment() {
    // hog allocates 48M under a 32M limit: it may charge 32M, the top-level limit
    Scenario s = scenario(CgroupMode.ANY, false, 0);
    assertThat(Preflight.mostCharged(s)).isEqualTo(32 * Size.M);
    assertThat(Preflight.check(s, CgroupVersion.V1, true, 32 * Size.M + Preflight.MARGIN)).isEmpty();
    Optional<Preflight.Refusal> r = Preflight.check(s, CgroupVersion.V1, true, 32 * Size.M + Preflight.MARGIN - 1);
    assertThat(r).map(Preflight.Refusal::kind).contains(Preflight.Kind.ENVIRONMENT);
    assertThat(r.orElseThrow().reason()).startsWith("tasks: may charge up to 32M").contains("global OOM");
    CgroupSpec huge = new CgroupSpec("A", OptionalLong.of(1024 * Size.G), false, false, OptionalLong.empty(), OptionalLong.empty());
    TaskSpec big = new TaskSpec("hog", "A", 100 * Size.G, Size.M, AllocationMode.TOUCH, 0, 1, Optional.empty(), Optional.empty());
    Scenario host = new Scenario("s", "", CgroupMode.ANY, List.of(huge), List.of(big), List.of(), Optional.empty(), Scenario.DEFAULT_TIMEOUT);
    assertThat(Preflight.mostCharged(host)).as("the tasks' allocations plus the run's 64M bound it").isEqualTo(100 * Size.G + 64 * Size.M);
    assertThat(Preflight.check(host, CgroupVersion.V1, true, 20 * Size.G)).map(Preflight.Refusal::kind).contains(Preflight.Kind.ENVIRONMENT);
  }
}
