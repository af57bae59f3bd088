package oomlab.agent.oomreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines written to the kernels' format strings (mm/oom_kill.c, mm/memcontrol.c) where no public report was found. */
class OomReportParserTest {
  static List<OomReport> events(String... lines) {
    List<OomReport> out = new ArrayList<>();
    var p = new OomReportParser(out::add);
    for (String l : lines) p.acceptLine(l);
    p.finish();
    return out;
  }

  @Test
  void constraintNoneOnAMemcgOomOf50IsCorrected() {
    // 5.0/5.1: mem_cgroup_out_of_memory left oc->constraint unset (fixed in 5.2 by 432b1de0de02)
    var e = events("x invoked oom-killer: gfp_mask=0x6000c0(GFP_KERNEL), nodemask=(null), order=0, oom_score_adj=0",
        "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/A,task_memcg=/A,task=x,pid=7,uid=0",
        "Memory cgroup out of memory: Killed process 7 (x) total-vm:9kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB").getFirst();
    assertThat(e.victim().constraint()).isEqualTo("CONSTRAINT_MEMCG");
    assertThat(e.victim().constraintDerived()).isTrue();
  }

  @Test
  void oomGroupMembersAfterAGlobalOomKeepTheGlobalConstraint() {
    var e = events("x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
        "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/job,task=big,pid=10,uid=0",
        "Out of memory: Killed process 10 (big) total-vm:9kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0",
        "Tasks in /job are going to be killed due to memory.oom.group set",
        "Out of memory: Killed process 11 (small) total-vm:9kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0",
        "Out of memory: Killed process 10 (big) total-vm:9kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0")
        .getFirst();
    assertThat(e.kills()).extracting(Kill::pid).containsExactly(10L, 11L);
    Kill member = e.kills().get(1);
    assertThat(member.groupMember()).isTrue();
    assertThat(member.constraint()).isEqualTo("CONSTRAINT_NONE");
    assertThat(member.oomMemcg()).isNull();
    assertThat(e.groupMemcg()).isEqualTo("/job");
  }

  @Test
  void aGlobalKillWithoutSummaryIsUnconstrained() {
    var e = events("Out of memory: Kill process 5 (java) score 900 or sacrifice child",
        "Killed process 5 (java) total-vm:9kB, anon-rss:8kB, file-rss:0kB").getFirst();
    assertThat(e.victim().constraint()).isEqualTo("CONSTRAINT_NONE");
    assertThat(e.victim().constraintDerived()).isTrue();
  }

  @Test
  void theOldestKilledLinesParse() {
    assertThat(ReportLine.parse("Killed process 1234 (httpd) vsz:123456kB, anon-rss:2000kB, file-rss:100kB"))
        .get().isInstanceOfSatisfying(ReportLine.Killed.class, k -> assertThat(k.totalVmKb()).isEqualTo(123456));
    assertThat(ReportLine.parse("Out of memory: kill process 1234 (httpd) score 5 or a child"))
        .get().isInstanceOf(ReportLine.KillProcess.class);
    assertThat(ReportLine.parse("Killed process 1234 (httpd)")).get().isInstanceOf(ReportLine.Killed.class);
    assertThat(ReportLine.parse("java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0"))
        .get().isInstanceOfSatisfying(ReportLine.Invoked.class, i -> assertThat(i.oomScoreAdj()).isZero());
  }

  @Test
  void memoryIsBoundedWhateverTheTable() {
    List<String> lines = new ArrayList<>();
    lines.add("x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
    lines.add("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name");
    for (int i = 1; i <= OomReportParser.MAX_TASKS + 500; i++) lines.add("[" + i + "] 0 " + i + " 10 5 4096 0 0 t" + i);
    var e = events(lines.toArray(String[]::new)).getFirst();
    assertThat(e.dump()).hasSize(OomReportParser.MAX_TASKS);
    assertThat(e.tasksDropped()).isEqualTo(500);
  }

  @Test
  void summariesWaitingForTheirKillAreBounded() {
    var p = OomReportParser.live();
    for (int i = 0; i < 1000; i++) {
      p.acceptMessage("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/m" + i
          + ",task_memcg=/m" + i + ",task=t,pid=" + i + ",uid=0");
    }
    // the oldest summaries were dropped: the kill of pid 0 no longer learns its memcg
    var step = p.acceptMessage("Memory cgroup out of memory: Killed process 0 (t) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB");
    assertThat(step).get().isInstanceOfSatisfying(OomReportParser.KillStep.class, k -> assertThat(k.kill().oomMemcg()).isNull());
    var late = p.acceptMessage("Memory cgroup out of memory: Killed process 999 (t) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB");
    assertThat(late).get().isInstanceOfSatisfying(OomReportParser.KillStep.class, k -> assertThat(k.kill().oomMemcg()).isEqualTo("/m999"));
  }

  @Test
  void badnessFollowsTheEra() {
    DumpedTask root = new DumpedTask(1, 0, 1, 100, 1000, 10L, null, 0L, 0, "a");
    DumpedTask user = new DumpedTask(2, 1000, 2, 100, 1000, 10L, null, 0L, 0, "b");
    // 3.10: root gets adj -= 30, i.e. 30 * totalpages / 1000 pages less
    var r310 = BadnessRule.forVersion(3, 10, "3.10");
    assertThat(r310.points(root, 100_000)).isEqualTo(1); // 1010 - 30 * 100 clamped: before 5.9 an eligible task scores at least 1
    assertThat(r310.points(root, 10_000)).isEqualTo(1010 - 30 * 10);
    // 4.14: 3% of its own points
    assertThat(BadnessRule.forVersion(4, 14, "4.14").points(root, 100_000)).isEqualTo(1010 - 30);
    // 5.10: no root bonus, adj may make it negative, -1000 never
    var r510 = BadnessRule.forVersion(5, 10, "5.10");
    assertThat(r510.points(user, 100_000)).isEqualTo(1010);
    assertThat(r510.points(new DumpedTask(3, 0, 3, 1, 1, 0L, null, 0L, -500, "c"), 100_000)).isEqualTo(1 - 500 * 100);
    assertThat(r510.points(new DumpedTask(3, 0, 3, 1, 1, 0L, null, 0L, -1000, "c"), 100_000)).isNull();
    assertThat(r510.tie()).isEqualTo(BadnessRule.Tie.LAST_WINS);
    // 3.0: the normalized 0..1000 score
    assertThat(BadnessRule.forVersion(3, 0, "3.0").points(user, 2020)).isEqualTo(500);
  }
}
