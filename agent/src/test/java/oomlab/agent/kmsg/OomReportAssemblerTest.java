package oomlab.agent.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import oomlab.agent.Fixtures;
import oomlab.agent.oomreport.LogLine;
import oomlab.agent.oomreport.ReportLine;
import org.junit.jupiter.api.Test;

class OomReportAssemblerTest {
  static List<KernelOomEvent> assemble(String fixture) throws IOException {
    String text = Fixtures.read("kmsg/" + fixture);
    var assembler = new OomReportAssembler();
    List<KernelOomEvent> events = new ArrayList<>();
    for (String line : text.split("\n")) {
      assembler.acceptLine(line).ifPresent(events::add);
    }
    return events;
  }

  @Test
  void realReportFromThisHost618() throws Exception {
    assertThat(assemble("host-6.18-v1.txt")).containsExactly(new KernelOomKill(3602, "tail",
        "/oomlab/run-2197-fixture", "/oomlab/run-2197-fixture", "CONSTRAINT_MEMCG", 15616, 0));
  }

  @Test
  void kmsgRecordsFeedTheSameWay() throws Exception {
    var assembler = new OomReportAssembler();
    assertThat(assembler.accept(KmsgRecord.parse(
        "6,460,294356909,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/oomlab/r,task_memcg=/oomlab/r/A,task=tail,pid=3602,uid=0")))
        .isEmpty();
    assertThat(assembler.accept(KmsgRecord.parse(
        "3,461,294356926,-;Memory cgroup out of memory: Killed process 3602 (tail) total-vm:18540kB, anon-rss:15616kB, file-rss:1460kB, shmem-rss:0kB, UID:0 pgtables:80kB oom_score_adj:0")))
        .contains(new KernelOomKill(3602, "tail", "/oomlab/r", "/oomlab/r/A", "CONSTRAINT_MEMCG", 15616, 0));
  }

  @Test
  void kernel310TaskInFormWithoutAdjOrShmem() throws Exception {
    assertThat(assemble("kernel-3.10-v1.txt")).containsExactly(
        new KernelOomKill(2376, "mal-80", "/1", "/1/2", "CONSTRAINT_MEMCG", 102260, null));
  }

  @Test
  void kernel414SyslogFormAndOomReaper() throws Exception {
    assertThat(assemble("kernel-4.14-v1.txt")).containsExactly(
        new KernelOomKill(3903, "stress", "/docker/555fa75e9e7d", "/docker/555fa75e9e7d/stress", "CONSTRAINT_MEMCG", 1048356, null),
        new OomReaperReaped(3903, "stress", 0, 0, 0));
  }

  @Test
  void realReportFromA61GuestOnCgroupV2() throws Exception {
    assertThat(assemble("guest-6.1-v2.txt")).containsExactly(new KernelOomKill(131, "tail",
        "/oomlab/run-1-fixture/A", "/oomlab/run-1-fixture/A", "CONSTRAINT_MEMCG", 15768, 0));
  }

  /** Debian 5.10.223, cgroup v1, in a TCG guest: a pipe write charge (GFP_HIGHUSER|__GFP_ACCOUNT) invoked it. */
  @Test
  void realReportOfDebian510OnCgroupV1() throws Exception {
    assertThat(assemble("guest-5.10-v1.txt")).containsExactly(new KernelOomKill(121, "tail",
        "/oomlab/run-1-fixture/A", "/oomlab/run-1-fixture/A", "CONSTRAINT_MEMCG", 15760, 0));
  }

  @Test
  void realOomGroupKillOn61KillsEachMemberOnce() throws Exception {
    // 6.1 prints the victim twice: once as the victim, once in the memory.oom.group scan.
    String g = "/oomlab/run-1-fixture/G";
    var events = assemble("guest-6.1-v2-oom-group.txt");
    assertThat(events).containsExactly(
        new KernelOomKill(142, "tail", g, g, "CONSTRAINT_MEMCG", 15500, 0),
        new KernelOomKill(139, "sh", g, null, "CONSTRAINT_MEMCG", 92, 0),
        new KernelOomKill(140, "sleep", g, null, "CONSTRAINT_MEMCG", 88, 0),
        new KernelOomKill(141, "head", g, null, "CONSTRAINT_MEMCG", 88, 0));
    assertThat(events).allSatisfy(e -> assertThat(((KernelOomKill) e).concerns("/oomlab/run-1-fixture")).isTrue());
    assertThat(events).noneSatisfy(e -> assertThat(((KernelOomKill) e).concerns("/oomlab/run-1-fix")).isTrue());
  }

  @Test
  void interleavedReportsAreMatchedByPid() {
    var a = new OomReportAssembler();
    a.acceptMessage("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/oomlab/x,task_memcg=/oomlab/x,task=a,pid=10,uid=0");
    a.acceptMessage("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/oomlab/y,task_memcg=/oomlab/y,task=b,pid=20,uid=0");
    assertThat(a.acceptMessage("Memory cgroup out of memory: Killed process 20 (b) total-vm:1kB, anon-rss:2kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:7"))
        .contains(new KernelOomKill(20, "b", "/oomlab/y", "/oomlab/y", "CONSTRAINT_MEMCG", 2, 7));
    assertThat(a.acceptMessage("Memory cgroup out of memory: Killed process 10 (a) total-vm:1kB, anon-rss:3kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:-5"))
        .contains(new KernelOomKill(10, "a", "/oomlab/x", "/oomlab/x", "CONSTRAINT_MEMCG", 3, -5));
  }

  @Test
  void globalOomHasNoOomMemcg() {
    var a = new OomReportAssembler();
    a.acceptMessage("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=java,pid=99,uid=1000");
    assertThat(a.acceptMessage("Out of memory: Killed process 99 (java) total-vm:9kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4kB oom_score_adj:0"))
        .contains(new KernelOomKill(99, "java", null, "/user.slice", "CONSTRAINT_NONE", 8, 0));
  }

  @Test
  void commWithSpacesAndParentheses() {
    var line = ReportLine.parse("Memory cgroup out of memory: Killed process 5 (a (b) c) total-vm:1kB, anon-rss:2kB, file-rss:3kB, shmem-rss:4kB, UID:0 pgtables:4kB oom_score_adj:1000");
    assertThat(line).containsInstanceOf(ReportLine.Killed.class);
    assertThat(((ReportLine.Killed) line.orElseThrow()).comm()).isEqualTo("a (b) c");
  }

  @Test
  void malformedAndUnrelatedLinesAreIgnored() {
    var a = new OomReportAssembler();
    for (String junk : new String[] {
        "",
        "garbage",
        "6,1,2,-;",
        "Killed process abc (tail) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
        "Memory cgroup out of memory: Killed process 3602 (tail) total-vm:18540kB, anon-rss:",
        "Killed process 99999999999999999999 (x) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
        "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/a,task_memcg=/a,task=t,pid=",
        "oom_reaper: reaped process 1 (x), now anon-rss:?kB",
        "Task in",
        "[   12.3] ",
        "\u0000\u00ff binary \\x00",
    }) {
      assertThat(a.acceptLine(junk)).as(junk).isEmpty();
    }
    // and the assembler still works afterwards
    assertThat(a.acceptMessage("Killed process 1 (x) total-vm:1kB, anon-rss:5kB, file-rss:1kB")).isPresent();
  }

  @Test
  void prefixesAreStripped() {
    assertThat(LogLine.messageOf("4,339,294356261,-;tail invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)"))
        .isEqualTo("tail invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)");
    assertThat(LogLine.messageOf("[  294.356909] oom-kill:x")).isEqualTo("oom-kill:x");
    assertThat(LogLine.messageOf("Nov 30 02:53:56 server01 kernel: [  818.356493] Killed process 1")).isEqualTo("Killed process 1");
  }

  @Test
  void rateLimitedReportIsAKillOfUnknownMemcgNotTheLastReportsMemcg() {
    // oom_kill_process prints the header and summary only under __ratelimit(&oom_rs): past 10
    // reports in 5 s only the Killed line comes. It must not inherit the previous report's memcg.
    var assembler = new OomReportAssembler();
    assembler.acceptMessage("tail invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
    assembler.acceptMessage("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/oomlab/other,task_memcg=/oomlab/other,task=tail,pid=10,uid=0");
    assertThat(assembler.acceptMessage("Memory cgroup out of memory: Killed process 10 (tail) total-vm:1kB, anon-rss:100kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0"))
        .contains(new KernelOomKill(10, "tail", "/oomlab/other", "/oomlab/other", "CONSTRAINT_MEMCG", 100, 0));
    assertThat(assembler.acceptMessage("Memory cgroup out of memory: Killed process 11 (hog) total-vm:1kB, anon-rss:200kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0"))
        .contains(new KernelOomKill(11, "hog", null, null, "CONSTRAINT_MEMCG", 200, 0));
  }
}
