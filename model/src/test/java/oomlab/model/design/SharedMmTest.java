package oomlab.model.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.check.ModelOutcome;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** Processes sharing an mm (CLONE_VM) in the model: scored, killed, counted and freed as the kernel does. */
class SharedMmTest {

  private static List<ModelOutcome> allowed(String scenario, String design, CgroupVersion v) throws Exception {
    var sc = ScenarioLoader.load(Path.of("../scenarios/" + scenario));
    var a = AllowedOutcomes.explore(Designs.create(design, ModelScenarios.from(sc, v)), 1_000_000);
    assertThat(a.complete()).isTrue();
    return a.entries().stream().map(AllowedOutcomes.Entry::outcome).toList();
  }

  @Test
  void bothSharersDieButOomKillCountsTheMmOnce() throws Exception {
    // a and b fault 16M each into one mm: 32M beats other's 16M at the OOM, whichever of a and b
    // is chosen, and __oom_kill_process SIGKILLs the other sharer without counting it.
    for (CgroupVersion v : CgroupVersion.values()) {
      List<ModelOutcome> out = allowed("basic/13-shared-mm.yaml", "mainline6", v);
      assertThat(out).isNotEmpty().allSatisfy(o -> {
        assertThat(o.killed()).contains("a", "b");
        // other dies only in the window where the sharers exit between the margin check and
        // select_bad_process; a and b are one kill either way. The SIGKILLed sharer, no OOM
        // victim, may be chosen again, but a and b are done allocating: one thread each, so
        // task_will_free_mem sees its mm and spares it (a sharer still allocating can be killed
        // and counted again: RaceFactsTest).
        assertThat(o.events().get("A").oomKill()).isEqualTo(o.killed().size() - 1);
      });
      assertThat(out).anySatisfy(o -> assertThat(o.survived()).containsExactly("other"));
    }
  }

  @Test
  void withoutTheSharedMmOneOfThemCanDieAlone() throws Exception {
    // The same tasks, each with its own mm: at the OOM all three hold 16M (a near tie), and a
    // victim dies alone: the kill of a sharer's partner is what the shared mm adds.
    var sc = ScenarioLoader.parse("x.yaml", """
        name: unshared
        cgroups:
          A: { limit: 48M }
        tasks:
          a:     { cgroup: A, allocate: 16M }
          b:     { cgroup: A, allocate: 16M }
          other: { cgroup: A, allocate: 24M, start: after b 16M }
        """);
    var a = AllowedOutcomes.explore(Designs.create("mainline6", ModelScenarios.from(sc, CgroupVersion.V2)), 1_000_000);
    Set<List<String>> killed = a.entries().stream().map(e -> e.outcome().killed()).collect(Collectors.toSet());
    assertThat(killed).contains(List.of("a"), List.of("b"), List.of("other"));
  }

  @Test
  void anOomGroupKillCountsItsVictimAgainWhileItHoldsItsMm() throws Exception {
    // oom_kill_memcg_member calls __oom_kill_process for every group member, the victim included:
    // the victim still has its mm, so memory.events oom_kill is members + 1 (6.1 mm/oom_kill.c),
    // and + 2 when big, the killer still allocating, is yielded again from cset->dying_tasks after
    // its main thread passed cgroup_exit (css_task_iter, 5.3 on; small, done, has one thread).
    List<ModelOutcome> out = allowed("v2/01-oom-group-leaf.yaml", "mainline6", CgroupVersion.V2);
    assertThat(out).isNotEmpty().allSatisfy(o -> {
      long members = o.killed().size();
      assertThat(o.events().values()).anySatisfy(c -> {
        assertThat(c.oomGroupKill()).isEqualTo(1);
        assertThat(c.oomKill()).isBetween(members + 1, members + 2);
      });
    });
    assertThat(out).anySatisfy(o -> assertThat(o.events().get("A").oomKill()).isEqualTo(o.killed().size() + 1));
  }
}
