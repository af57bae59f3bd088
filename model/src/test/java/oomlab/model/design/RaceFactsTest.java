package oomlab.model.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.check.ModelOutcome;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * What the era designs allow on the racing scenarios of {@code scenarios/race}, as each line's
 * kernel code has it: the outcomes the guests showed are among them, and what the code rules out
 * is not.
 */
class RaceFactsTest {
  private static List<ModelOutcome> allowed(String scenario, String design, CgroupVersion v) throws Exception {
    var sc = ScenarioLoader.load(Path.of("../scenarios/race", scenario));
    var a = AllowedOutcomes.explore(Designs.create(design, ModelScenarios.from(sc, v)), 1_000_000);
    assertThat(a.complete()).as(design).isTrue();
    return a.entries().stream().map(AllowedOutcomes.Entry::outcome).toList();
  }

  /**
   * mem_cgroup_oom_synchronize (mm/memcontrol.c, 5.10 and 6.1) sleeps without re-checking the
   * margin: a waiter that takes the OOM lock after the raise's memcg_oom_recover and after the first
   * waiter's unlock and recover sleeps until an uncharge, and nothing uncharges here. Both waiters
   * completing (seen in 6.1 v1 guests) and one staying blocked are allowed; no kill ever is
   * (oom_kill_disable), and the raise is accepted.
   */
  @Test
  void twoOomKillDisableWaitersBothWakeOrOneSleepsOnAfterTheRaise() throws Exception {
    for (String d : List.of("mainline-5.10", "mainline-6.1")) {
      List<ModelOutcome> out = allowed("07-oom-kill-disable-two-waiters.yaml", d, CgroupVersion.V1);
      assertThat(out).as(d).allSatisfy(o -> {
        assertThat(o.killed()).isEmpty();
        assertThat(o.handlers()).containsEntry(0, "ok");
        assertThat(o.blocked()).hasSizeLessThanOrEqualTo(1);
      });
      assertThat(out).as(d).anySatisfy(o -> assertThat(o.survived()).containsExactly("x", "y"));
      assertThat(out).as(d).anySatisfy(o -> assertThat(o.blocked()).containsExactly("y"));
    }
  }

  /**
   * __oom_kill_process (mm/oom_kill.c, 5.10 to 7.2) SIGKILLs every process sharing the victim's mm
   * with it and counts oom_kill once for the mm: a and b die together, next to each other in the
   * kill order. oom_kill counts the mms killed, plus one when the sharer SIGKILLed with the victim
   * (no OOM victim itself) is chosen by the next OOM while it still holds the mm and its leader
   * thread has passed exit_mm: task_will_free_mem(leader) is false, __oom_kill_process finds the
   * thread and counts again (6.1 v2 guest, run 8 of 10: killed [a, b] survived [c] oom_kill 2, the
   * kmsg's second "Killed process" naming a thread of a).
   */
  @Test
  void sharersDieTogetherAndCountOnceOrOnceMoreWhenChosenAgainDying() throws Exception {
    for (String d : List.of("mainline-5.10", "mainline-6.1", "mainline-6.12", "mainline-7.2")) {
      for (CgroupVersion v : CgroupVersion.values()) {
        List<ModelOutcome> out = allowed("05-shared-mm.yaml", d, v);
        assertThat(out).as(d + " " + v).allSatisfy(o -> {
          assertThat(o.killed().contains("a")).isEqualTo(o.killed().contains("b"));
          if (o.killed().contains("a")) {
            assertThat(Math.abs(o.killOrder().indexOf("a") - o.killOrder().indexOf("b"))).isEqualTo(1);
          }
          long mms = (o.killed().contains("a") ? 1 : 0) + (o.killed().contains("c") ? 1 : 0);
          assertThat(o.events().get("A").oomKill()).isBetween(mms, mms + 1);
        });
        assertThat(out).as(d + " " + v).anySatisfy(o -> assertThat(o.killOrder()).containsExactly("b", "a", "c"));
        assertThat(out).as(d + " " + v).anySatisfy(o -> {
          assertThat(o.killOrder()).containsExactly("b", "a");
          assertThat(o.events().get("A").oomKill()).isEqualTo(2);
        });
      }
    }
  }

  /**
   * A memory.oom.group kill (oom_kill_process, mm/oom_kill.c) takes both growers and never the
   * -1000 member (oom_kill_memcg_member skips OOM_SCORE_ADJ_MIN); oom_kill is 2 or 3 (the victim
   * counted again when it still has its mm at its turn of the walk), plus one for each grower the
   * walk yields again from cset->dying_tasks (its main thread passed cgroup_exit while its
   * allocating thread held the mm: 6.1 and 6.12 guests, oom_kill 4 in 3 and 7 of 10 runs).
   * The crash shape of issue 12 (ArrayIndexOutOfBounds in State.countOomKill): it must explore.
   */
  @Test
  void aGroupKillTakesBothGrowersAndSparesTheMinus1000Member() throws Exception {
    for (String d : List.of("mainline-5.10", "mainline-6.1", "mainline-6.12", "mainline-7.2")) {
      List<ModelOutcome> out = allowed("06-oom-group-minus-1000.yaml", d, CgroupVersion.V2);
      assertThat(out).as(d).isNotEmpty().allSatisfy(o -> {
        assertThat(o.killed()).containsExactlyInAnyOrder("x", "y");
        assertThat(o.survived()).containsExactly("guard");
        assertThat(o.events().get("G").oomKill()).isBetween(2L, 5L);
      });
      assertThat(out).as(d).anySatisfy(o -> assertThat(o.events().get("G").oomKill()).isEqualTo(4));
    }
  }
}
