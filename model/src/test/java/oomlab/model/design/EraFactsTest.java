package oomlab.model.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import oomlab.model.explore.Exploration;
import oomlab.model.explore.Explorer;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.explore.Op;
import oomlab.model.explore.Step;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** The mainline eras as data: which line a kernel belongs to, and the steps each era's facts allow. */
class EraFactsTest {

  @Test
  void aKernelGetsTheNearestLineAtOrBelowItsRelease() {
    assertThat(Designs.eraOf("5.10.0-32-amd64")).contains("mainline-5.10");
    assertThat(Designs.eraOf("6.1.0-50-amd64")).contains("mainline-6.1");
    assertThat(Designs.eraOf("6.12.117+deb13-amd64")).contains("mainline-6.12");
    assertThat(Designs.eraOf("6.18.9-cloud-amd64")).contains("mainline-6.12");
    assertThat(Designs.eraOf("7.2.13+deb14-amd64")).contains("mainline-7.2");
    assertThat(Designs.eraOf("5.4.0")).contains("hocko2018");
    assertThat(Designs.eraOf("4.9.0")).contains("oomlock3x");
    assertThat(Designs.eraOf("2.6.32")).contains("oomlock3x"); // older than every line: the oldest
    assertThat(Designs.eraOf("linux")).isEmpty();
  }

  @Test
  void mainline6IsTheWorkingNameOfTheSixOneLine() {
    MemcgModel m = Designs.create("mainline6", ModelScenarios.from(hog(), CgroupVersion.V1));
    assertThat(m.name()).isEqualTo("mainline6");
    assertThat(m.facts().facts()).isEqualTo(ChargePathEras.MAINLINE_6_1.facts());
    assertThat(m).isInstanceOf(ChargePathOom.class);
    assertThat(Designs.create("mainline-7.2", ModelScenarios.from(hog(), CgroupVersion.V1)))
        .isInstanceOf(ChargePathOom.class);
    assertThat(Designs.names()).doesNotContain("mainline6").contains("mainline-5.10", "mainline-6.1",
        "mainline-6.12", "mainline-7.2");
  }

  @Test
  void fiveTenHasNoGroupKillCounter() {
    assertThat(ChargePathEras.MAINLINE_5_10.counters(CgroupVersion.V2)).doesNotContain(Counter.OOM_GROUP_KILL);
    assertThat(ChargePathEras.MAINLINE_6_1.counters(CgroupVersion.V2)).contains(Counter.OOM_GROUP_KILL);
    assertThat(ChargePathEras.HOCKO_2018.counters(CgroupVersion.V2)).doesNotContain(Counter.OOM_GROUP_KILL);
  }

  @Test
  void fromSixTwelveAReapedVictimsChargeFailsBeforeReclaim() throws Exception {
    // The mlocking hog is the victim of its own OOM; the reaper may set MMF_OOM_SKIP (freeing
    // nothing: VM_LOCKED) while it retries its charge, which then fails again.
    var sc = ScenarioLoader.parse("x.yaml", """
        name: locked-hog
        cgroups:
          A: { limit: 8M }
        tasks:
          hog: { cgroup: A, allocate: 16M, mode: mlock }
        """);
    assertThat(ops("mainline-6.12", sc)).contains(Op.H_REAPED_NOMEM);
    assertThat(ops("mainline-7.2", sc)).contains(Op.H_REAPED_NOMEM);
    assertThat(ops("mainline-6.1", sc)).doesNotContain(Op.H_REAPED_NOMEM);
  }

  @Test
  void sevenTwoNoLongerBailsOutOfTheOomKillerForADyingTask() throws Exception {
    // The handler SIGKILLs the hog on the OOM notification, while it waits for or holds oom_lock:
    // 6.1 returns on task_is_dying() under oom_lock; 7.2 reaches out_of_memory, whose
    // task_will_free_mem(current) makes the hog its own victim.
    var sc = ScenarioLoader.parse("x.yaml", """
        name: killed-in-oom
        cgroup: v2
        cgroups:
          A: { limit: 16M }
        tasks:
          hog: { cgroup: A, allocate: 32M }
        handlers:
          - on: oom A
            do: kill hog
        """);
    assertThat(ops("mainline-6.1", sc)).contains(Op.H_DYING).doesNotContain(Op.KILL_SELF_DYING);
    assertThat(ops("mainline-7.2", sc)).contains(Op.KILL_SELF_DYING).doesNotContain(Op.H_DYING);
  }

  private static oomlab.model.scenario.Scenario hog() {
    try {
      return ScenarioLoader.parse("x.yaml", """
          name: hog
          cgroups:
            A: { limit: 8M }
          tasks:
            hog: { cgroup: A, allocate: 16M }
          """);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<Op> ops(String design, oomlab.model.scenario.Scenario sc) {
    var ms = ModelScenarios.from(sc, sc.cgroupMode().allows(CgroupVersion.V1) ? CgroupVersion.V1 : CgroupVersion.V2);
    Exploration ex = Explorer.explore(ms, Designs.create(design, ms), 1_000_000);
    assertThat(ex.complete()).isTrue();
    Set<Op> ops = EnumSet.noneOf(Op.class);
    for (int id = 0; id < ex.expanded(); id++) {
      for (int e = ex.edgesFrom(id); e < ex.edgesTo(id); e++) ops.add(Step.op(ex.edgeStep(e)));
    }
    return ops;
  }
}
