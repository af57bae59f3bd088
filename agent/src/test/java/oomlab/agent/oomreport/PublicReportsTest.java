package oomlab.agent.oomreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import oomlab.agent.Fixtures;
import org.junit.jupiter.api.Test;

/** Real reports from public tickets and docs (src/test/resources/oomreport/public-*.txt; each file names its source and kernel). */
class PublicReportsTest {
  static List<OomReport> events(String fixture) {
    List<OomReport> out = new ArrayList<>();
    var parser = new OomReportParser(out::add);
    for (String line : Fixtures.read("oomreport/" + fixture).split("\n")) parser.acceptLine(line);
    parser.finish();
    return out;
  }

  static List<Long> killed(List<OomReport> events) {
    return events.stream().flatMap(e -> e.kills().stream()).map(Kill::pid).toList();
  }

  @Test
  void rhel7MemcgReportsWithUidKillLinesAndTiesAmongEqualTasks() {
    var events = events("public-3.10-rhel7-ltp-1080.txt");
    assertThat(killed(events)).containsExactly(42424L, 42425L, 42452L, 42453L, 42474L);
    OomReport first = events.getFirst();
    assertThat(first.dump()).extracting(DumpedTask::pid).containsExactly(42421L, 42422L, 42423L, 42424L);
    assertThat(first.chosen().pid()).isEqualTo(42424);
    Kill k = first.victim();
    assertThat(k.uid()).isEqualTo(0);
    assertThat(k.anonRssKb()).isEqualTo(96);
    assertThat(k.shmemRssKb()).isEqualTo(0);
    assertThat(k.constraint()).isEqualTo("CONSTRAINT_MEMCG");
    assertThat(k.constraintDerived()).isTrue();
    // The next report's header names the kernel: 3.10 rules, nr_ptes counted
    assertThat(events.get(1).release()).isEqualTo("3.10.0-1160.el7.x86_64");
    assertThat(events.get(1).invoker().pid()).isEqualTo(42423);
    var ranking = BadnessRanking.of(first);
    assertThat(ranking.rule().era()).contains("3.8-3.19");
    assertThat(ranking.entries()).extracting(BadnessRanking.Entry::points).containsOnly(32L - 30 * 0); // no limit printed: totalpages/1000 = 0
    // four equal scores; a 3.x memcg table is in for_each_process order, not the memcg scan order
    assertThat(ranking.victimTops()).isTrue();
    assertThat(ranking.reason()).contains("a tie of 4 tasks");
  }

  @Test
  void rhel7SacrificedChildIsExplained() {
    var events = events("public-3.10-rhel7-k8s-56891.txt");
    OomReport e = events.getFirst();
    assertThat(e.chosen().pid()).isEqualTo(24572);
    assertThat(e.victim().pid()).isEqualTo(28438);
    assertThat(e.victim().uid()).isNull(); // 3.10.0-327: no UID in the Killed line yet
    assertThat(e.victim().shmemRssKb()).isNull();
    assertThat(e.time()).isEqualTo("Thu Dec  7 00:05:14 2017"); // the stats line: the input began inside the report
    var r = BadnessRanking.of(e);
    assertThat(r.victimTops()).isFalse();
    assertThat(r.reason()).contains("sacrificed a child").contains("24572");
    assertThat(events.get(1).invoker().oomScoreAdj()).isEqualTo(-998);
    assertThat(events.get(1).release()).isEqualTo("3.10.0-327.4.5.el7.x86_64");
  }

  @Test
  void rhel7FloodIsOneEventPerKillLine() {
    var events = events("public-3.10-rhel7-k8s-50632-flood.txt");
    assertThat(events).hasSize(8).allSatisfy(e -> assertThat(e.headerMissing()).isTrue());
    assertThat(killed(events)).startsWith(799153L, 799402L).endsWith(801542L);
    assertThat(events.getFirst().victim().uid()).isEqualTo(1000);
    assertThat(events.getFirst().victim().constraint()).isNull(); // no message on a 3.10 Killed line
  }

  @Test
  void rhel7SyslogWithContainerdLinesAround() {
    var events = events("public-3.10-rhel7-doris-3525.txt");
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().chosen().pid()).isEqualTo(24984);
    assertThat(events.getFirst().victim().pid()).isEqualTo(18177);
    assertThat(events.getFirst().victim().constraint()).isEqualTo("CONSTRAINT_MEMCG");
  }

  @Test
  void kernel4xTaskInTasksStateAndACutKilledLine() {
    var e = events("public-4.x-kubedirector-356.txt").getFirst();
    assertThat(e.taskInOomMemcg()).isEqualTo("/kubepo"); // the ticket broke the line there
    assertThat(e.counters()).containsKeys("memory", "memory+swap", "kmem");
    assertThat(e.dump()).extracting(DumpedTask::name).containsExactly("bash", "cp");
    assertThat(e.dump().getFirst().pageTablePages()).isEqualTo(16);
    assertThat(e.chosen().pid()).isEqualTo(62685);
    assertThat(e.kills()).isEmpty();
    assertThat(e.missing()).anySatisfy(m -> assertThat(m).contains("Killed process line"));
    var r = BadnessRanking.of(e);
    assertThat(r.rule().era()).contains("4.19+");
    assertThat(r.totalPages().exact()).isTrue(); // memory+swap limit = memory limit: no swap allowed
    assertThat(r.totalPages().low()).isEqualTo(131072);
    // both at -998: 695 and 430 pages minus 998 * 131 clamp to 1 (before 5.9), a tie the report cannot order
    assertThat(r.entries()).extracting(BadnessRanking.Entry::points).containsExactly(1L, 1L);
    assertThat(r.predicted()).isNull();
  }

  @Test
  void alibaba419MaskedGfpAndTaskIn() {
    var events = events("public-4.19-alibaba-cloud-linux.txt");
    assertThat(events).hasSize(3);
    assertThat(events.getFirst().invoker().gfpMask()).isEqualTo("0x62****");
    assertThat(events.getFirst().release()).isEqualTo("4.19.91-24.1.al7.x86_64");
    assertThat(events.get(2).taskInMemcg()).isEqualTo("/mm_test/2");
    assertThat(events.get(2).oomMemcg()).isEqualTo("/mm_test");
    assertThat(events.get(2).constraint()).isEqualTo("CONSTRAINT_MEMCG");
    assertThat(events.get(2).counters().get("memory").limitKb()).isEqualTo(204800);
  }

  @Test
  void ubuntu54KillReapAndNextHeader() {
    var events = events("public-5.4-reportportal-203.txt");
    assertThat(events).hasSize(2);
    OomReport kill = events.getFirst();
    assertThat(kill.headerMissing()).isTrue();
    assertThat(kill.victim().oomScoreAdj()).isEqualTo(986);
    assertThat(kill.victim().pgtablesKb()).isEqualTo(1372);
    assertThat(kill.reaps()).singleElement().satisfies(r -> assertThat(r.shmemRssKb()).isEqualTo(92));
    assertThat(events.get(1).release()).isEqualTo("5.4.0-77-generic");
    assertThat(events.get(1).invoker().gfpFlags()).isEqualTo("GFP_KERNEL");
  }

  @Test
  void floodsWithReaperLinesAndACommInParentheses() {
    var events = events("public-5.x-docker-for-linux-1001.txt");
    assertThat(killed(events)).containsExactly(15617L, 15674L, 15623L, 401L, 15784L, 15925L);
    assertThat(events).allSatisfy(e -> assertThat(e.reaps()).hasSizeLessThanOrEqualTo(1));
    assertThat(events.get(5).victim().comm()).isEqualTo("(resolved)");
    assertThat(events.get(5).reaps()).singleElement().satisfies(r -> assertThat(r.comm()).isEqualTo("(resolved)"));
    assertThat(events.get(0).victim().constraint()).isEqualTo("CONSTRAINT_MEMCG");
    assertThat(events.get(3).victim().constraint()).isEqualTo("CONSTRAINT_NONE"); // "Out of memory:" is a global OOM
    assertThat(events.get(3).victim().constraintDerived()).isTrue();
  }

  @Test
  void globalOomTableWithoutItsHeaderRanksByTheInferredColumns() {
    var events = events("public-5.x-stress-ng-177.txt");
    OomReport e = events.getFirst();
    assertThat(e.dump()).hasSize(8);
    assertThat(e.dump().get(3).pageTablePages()).isEqualTo(26);
    assertThat(e.victim().pid()).isEqualTo(1811);
    assertThat(e.victim().oomMemcg()).isNull();
    assertThat(e.victim().taskMemcg()).isEqualTo("/user.slice/user-1000.slice/session-1.scope");
    assertThat(e.victim().constraintDerived()).isFalse();
    assertThat(e.reaps()).hasSize(1);
    var r = BadnessRanking.of(e);
    assertThat(r.entries().getFirst().task().pid()).isEqualTo(1811); // 8 + 643 + 26: the most swap
    assertThat(r.victimTops()).isTrue();
    assertThat(events.get(1).invoker().comm()).isEqualTo("systemd-journal");
  }

  @Test
  void memcgFloodOfOnePod() {
    var events = events("public-5.x-aws-efs-csi-1218-flood.txt");
    assertThat(events).hasSize(7).allSatisfy(e -> {
      assertThat(e.headerMissing()).isTrue();
      assertThat(e.victim().oomScoreAdj()).isEqualTo(-997);
      assertThat(e.victim().constraint()).isEqualTo("CONSTRAINT_MEMCG");
    });
  }

  @Test
  void userspaceLinesQuotingKernelMessagesAreNotKernelLines() {
    assertThat(events("public-userspace-quotes.txt")).isEmpty();
  }

  @Test
  void headersOfManyEras() {
    var events = events("public-headers-misc.txt");
    assertThat(events).extracting(OomReport::release).containsExactly("4.13.0-36-generic", "5.3.0-1032-gcp", "6.8.0-53-generic");
    assertThat(events).extracting(e -> e.invoker().comm()).containsExactly("cp", "runc:[1:CHILD]", "qemu-system-x86");
    assertThat(events.get(0).invoker().oomScoreAdj()).isEqualTo(-998);
    assertThat(events.get(1).invoker().pid()).isEqualTo(7148);
    assertThat(events.get(2).invoker().gfpFlags()).isEqualTo("GFP_HIGHUSER_MOVABLE|__GFP_COMP");
    assertThat(ReportLine.parse(LogLine.messageOf(Fixtures.read("oomreport/public-headers-misc.txt").lines().toList().getLast())))
        .contains(new ReportLine.Cpu(5117, "stress", "5.14.0-285.el9.x86_64"));
  }

  @Test
  void everyDmesgFormOfOneHostReportGivesTheSameEvent() {
    List<OomReport> firsts = new ArrayList<>();
    for (String form : List.of("iso", "ctime", "decode", "raw")) {
      var events = events("host-6.18-v1-dmesg-" + form + ".txt");
      assertThat(events).as(form).hasSize(2);
      firsts.add(events.getFirst());
    }
    for (OomReport e : firsts) {
      assertThat(e.victim().pid()).isEqualTo(5520);
      assertThat(e.release()).isEqualTo("6.18.44-fc-v1252");
      assertThat(e.dumpColumns()).contains("rss_anon");
      assertThat(e.dump()).singleElement().satisfies(t -> assertThat(t.rss()).isEqualTo(4442));
      assertThat(e.oomMemcg()).isEqualTo("/oomlab/run-3051-92625.bench-killrate/hog");
      assertThat(BadnessRanking.of(e).victimTops()).isTrue();
    }
    assertThat(firsts.get(0).time()).isEqualTo("2026-12-04T18:20:26,069678+00:00");
    assertThat(firsts.get(1).time()).isEqualTo("Fri Dec  4 18:20:26 2026");
    assertThat(firsts.get(2).uptimeSeconds()).isEqualTo(973.069678);
    assertThat(firsts.get(3).uptimeSeconds()).isEqualTo(973.069678);
  }
}
