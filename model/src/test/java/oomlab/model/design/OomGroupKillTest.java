package oomlab.model.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.check.ModelOutcome;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * A cgroup v2 memory.oom.group kill counts memory.events oom_kill once per __oom_kill_process that
 * finds an mm (mm/oom_kill.c, 6.1 and 5.10): once for the victim in oom_kill_process, then once
 * per process mem_cgroup_scan_tasks(oom_group, oom_kill_memcg_member) reaches, the victim again.
 * A process that passed exit_mm before its turn is skipped ("already exiting. Skip killing the
 * task"), so every victim or member that can exit before it is reached makes the count racy; the
 * task running the OOM killer (or the limit writer) cannot exit meanwhile.
 *
 * <p>From 5.3 (the four mainline lines, not hocko2018's 4.19) the walk may also visit a member a
 * second time: css_task_iter walks cset->dying_tasks after cset->tasks, and a SIGKILLed member
 * whose leader (the workload's main thread) reached cgroup_exit meanwhile is yielded again while
 * its allocating thread lives; __oom_kill_process counts it again through that thread (6.12 v2
 * race-oom-group-minus-1000: oom_kill 4 for two processes). Only a member still allocating can:
 * the workload's worker thread returns when done, and a shareMm clone has one thread.
 */
class OomGroupKillTest {
  private static final List<String> V2_DESIGNS = List.of("hocko2018", "mainline6", "mainline-5.10", "mainline-6.12",
      "mainline-7.2");

  /** Whether design d's walk can yield a dying member again (Fact.DYING_LEADERS_ITERATED). */
  private static boolean revisits(String d) {
    return Designs.facts(d).has(Fact.DYING_LEADERS_ITERATED);
  }

  private static MemoryEventCounts[] oomKills(long... counts) {
    return java.util.Arrays.stream(counts).mapToObj(k -> new MemoryEventCounts(1, k, 1)).toArray(MemoryEventCounts[]::new);
  }

  private static List<ModelOutcome> outcomes(String design, String yaml) throws Exception {
    var sc = ScenarioLoader.parse("x.yaml", yaml);
    var a = AllowedOutcomes.explore(Designs.create(design, ModelScenarios.from(sc, CgroupVersion.V2)), 1_000_000);
    assertThat(a.complete()).isTrue();
    return a.entries().stream().map(AllowedOutcomes.Entry::outcome).toList();
  }

  /** The memory.events counters of A the design allows. */
  private static Set<MemoryEventCounts> eventsOfA(List<ModelOutcome> out) {
    return out.stream().map(o -> o.events().get("A")).collect(Collectors.toSet());
  }

  private static final String GROWER_KILLS_BIG = """
      name: group-victim-exits-before-walk
      cgroup: v2
      cgroups:
        A: { limit: 48M, oomGroup: true }
      tasks:
        big:    { cgroup: A, allocate: 32M }
        grower: { cgroup: A, allocate: 64M, start: after big 32M }
      """;

  @Test
  void aVictimOtherThanTheChargingTaskMayExitBeforeTheGroupWalkReachesIt() throws Exception {
    // grower OOMs at 48M and kills big (32M beats its 16M): oom_kill 1 for big in
    // oom_kill_process; big, SIGKILLed, may pass exit_mm before the walk reaches it (not counted)
    // or not (counted again); grower, running the walk, is always counted, and from 5.3 once
    // more when its main thread passed cgroup_exit in time (big, done allocating, cannot).
    for (String d : V2_DESIGNS) {
      List<ModelOutcome> out = outcomes(d, GROWER_KILLS_BIG);
      assertThat(out).as(d).allSatisfy(o -> assertThat(o.killOrder()).containsExactly("big", "grower"));
      assertThat(eventsOfA(out)).as(d).containsExactlyInAnyOrder(revisits(d) ? oomKills(2, 3, 4) : oomKills(2, 3));
    }
  }

  @Test
  void aDyingVictimThatExitsBeforeOomKillProcessIsNotCountedButItsGroupIsKilled() throws Exception {
    // The agent SIGKILLs big on the OOM notification. If big is still there at
    // select_bad_process (a dying process that is no OOM victim is eligible) and passes exit_mm
    // before oom_kill_process, task_will_free_mem is false (no mm), __oom_kill_process skips it
    // and the group walk kills grower: oom_kill 1, oom_group_kill 1. The other orders: big
    // exits before the selection (grower chosen: 1 + 1), or the kernel kills big first (2 or 3).
    // Had big still its mm at oom_kill_process, task_will_free_mem would spare it: no group kill
    // then, and grower's next OOM, with big gone, kills grower alone and its group: 1 + 1 again.
    String yaml = GROWER_KILLS_BIG + """
        handlers:
          - { on: oom A, do: kill big }
        """;
    for (String d : V2_DESIGNS) {
      List<ModelOutcome> out = outcomes(d, yaml);
      assertThat(out).as(d).allSatisfy(o -> assertThat(o.killed()).containsExactly("big", "grower"));
      // From 5.3 grower's dying-leader visit may add one to each.
      assertThat(eventsOfA(out)).as(d).containsExactlyInAnyOrder(revisits(d) ? oomKills(1, 2, 3, 4) : oomKills(1, 2, 3));
    }
  }

  @Test
  void theLimitWritersVictimMayExitBeforeItsGroupWalkReachesIt() throws Exception {
    // memory_max_write kills from the writer's context, which is no task of the group: a, its
    // victim, may exit before the walk; b, not dying until the walk reaches it, is counted.
    String yaml = """
        name: group-writer
        cgroup: v2
        cgroups:
          A: { limit: 64M, oomGroup: true }
        tasks:
          a: { cgroup: A, allocate: 32M }
          b: { cgroup: A, allocate: 8M, start: after a 32M }
        handlers:
          - { on: after b 8M, do: set-limit A 16M }
        """;
    for (String d : V2_DESIGNS) {
      List<ModelOutcome> out = outcomes(d, yaml);
      assertThat(out).as(d).allSatisfy(o -> {
        assertThat(o.killOrder()).containsExactly("a", "b");
        assertThat(o.handlers()).containsEntry(0, "ok");
      });
      // a and b were done allocating: no dying-leader visit, on any era.
      assertThat(eventsOfA(out)).as(d).containsExactlyInAnyOrder(oomKills(2, 3));
    }
  }

  @Test
  void aSharerSignalledByAnEarlierKillMayExitBeforeItsTurnInTheWalk() throws Exception {
    // a and b share one 32M mm, grower reaches 32M: a near tie, any of them may be the victim.
    // A sharer victim: 1, its partner SIGKILLed uncounted; the walk then reaches a and b, each
    // counted only if it has not passed exit_mm yet (the partner's exit does not free the mm,
    // but find_lock_task_mm looks at the process's own mm), and grower: 2 to 4. grower as the
    // victim: 1, then a (not dying before the walk reaches it: counted, b SIGKILLed), b (may
    // have exited), grower again: 3 or 4.
    String yaml = """
        name: group-shared-mm
        cgroup: v2
        cgroups:
          A: { limit: 64M, oomGroup: true }
        tasks:
          a:      { cgroup: A, allocate: 16M }
          b:      { cgroup: A, allocate: 16M, shareMm: a, start: after a 16M }
          grower: { cgroup: A, allocate: 64M, start: after b 16M }
        """;
    for (String d : V2_DESIGNS) {
      List<ModelOutcome> out = outcomes(d, yaml);
      Set<Long> sharerFirst = out.stream().filter(o -> !o.killOrder().getFirst().equals("grower"))
          .map(o -> o.events().get("A").oomKill()).collect(Collectors.toSet());
      Set<Long> growerFirst = out.stream().filter(o -> o.killOrder().getFirst().equals("grower"))
          .map(o -> o.events().get("A").oomKill()).collect(Collectors.toSet());
      // From 5.3 grower, the killer still allocating, may be yielded again (a and b are done).
      assertThat(sharerFirst).as(d).containsExactlyInAnyOrder(revisits(d) ? new Long[] {2L, 3L, 4L, 5L} : new Long[] {2L, 3L, 4L});
      assertThat(growerFirst).as(d).containsExactlyInAnyOrder(revisits(d) ? new Long[] {3L, 4L, 5L} : new Long[] {3L, 4L});
      assertThat(out).as(d).allSatisfy(o -> {
        assertThat(o.killed()).containsExactlyInAnyOrder("a", "b", "grower");
        assertThat(o.events().get("A").oomGroupKill()).isEqualTo(1);
      });
    }
  }

  @Test
  void theWalkEndsWhenTheMembersLeftExitedBetweenTwoVisits() throws Exception {
    // a and b grow together in the group, p (-1000) is spared. After a visit, the members the
    // walk has still to visit may all pass exit_mm (b, SIGKILLed as the victim, exits before its
    // second visit): the walk then ends with nothing to kill. The model used to pick member -1
    // there (ArrayIndexOutOfBoundsException in State.countOomKill via groupMemberStep).
    String yaml = """
        name: group-members-exit-during-walk
        cgroup: v2
        cgroups:
          G: { limit: 48M, oomGroup: true }
        tasks:
          a: { cgroup: G, allocate: 24M, step: 2M }
          b: { cgroup: G, allocate: 24M, step: 2M }
          p: { cgroup: G, allocate: 4M, oomScoreAdj: -1000, step: 2M }
        """;
    for (String d : V2_DESIGNS) {
      List<ModelOutcome> out = outcomes(d, yaml);
      assertThat(out).as(d).isNotEmpty().allSatisfy(o -> {
        assertThat(o.killed()).containsExactlyInAnyOrder("a", "b");
        assertThat(o.survived()).containsExactly("p");
      });
    }
  }
}
