package oomlab.agent.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel problem reports picked out of kmsg lines shaped as 6.1 to 7.x print them, among an OOM report that is none. */
class KernelHealthTest {
  static final List<String> OOM_REPORT = List.of(
      "hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
      "CPU: 0 PID: 321 Comm: hog Not tainted 6.1.0-50-amd64 #1  Debian 6.1.176-1",
      "Call Trace:", " <TASK>", " dump_stack_lvl+0x44/0x5c", " </TASK>",
      "memory: usage 32768kB, limit 32768kB, failcnt 12",
      "Memory cgroup out of memory: Killed process 321 (hog) total-vm:50000kB, anon-rss:32000kB, file-rss:0kB");

  static final List<String> WARN = List.of(
      "------------[ cut here ]------------",
      "WARNING: CPU: 1 PID: 400 at /tmp/w/oomlab_warn.c:4 oomlab_warn_init+0x5/0x1000 [oomlab_warn]",
      "Modules linked in: oomlab_warn(OE+) overlay 9p",
      "CPU: 1 PID: 400 Comm: insmod Tainted: G           OE      6.1.0-50-amd64 #1  Debian 6.1.176-1",
      "RIP: 0010:oomlab_warn_init+0x5/0x1000 [oomlab_warn]",
      "Call Trace:", " <TASK>", " do_one_initcall+0x41/0x200", " </TASK>",
      "---[ end trace 0000000000000000 ]---");

  @Test
  void aWarnIsOneProblemFromItsHeaderToItsEndMarkerAndAnOomReportIsNone() {
    List<String> kmsg = new java.util.ArrayList<>(OOM_REPORT);
    kmsg.addAll(WARN);
    kmsg.addAll(OOM_REPORT);
    List<KernelProblem> problems = KernelHealth.problems(kmsg);
    assertThat(problems).hasSize(1);
    assertThat(problems.getFirst().kind()).isEqualTo(KernelProblem.Kind.WARNING);
    assertThat(problems.getFirst().lines()).first().asString().startsWith("WARNING: CPU: 1 PID: 400 at");
    assertThat(problems.getFirst().lines()).last().asString().startsWith("---[ end trace");
    assertThat(KernelHealth.problems(OOM_REPORT)).isEmpty();
  }

  @Test
  void eachKindIsToldByItsHeader() {
    assertThat(kinds(
        "WARNING: possible circular locking dependency detected",
        "WARNING: suspicious RCU usage",
        "BUG: KASAN: slab-out-of-bounds in memcg_write+0x10/0x20",
        "BUG: KFENCE: use-after-free read in test_func+0x1/0x2",
        "UBSAN: array-index-out-of-bounds in mm/memcontrol.c:123:4",
        "watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [hog:321]",
        "watchdog: Watchdog detected hard LOCKUP on cpu 1",
        "INFO: task hog:321 blocked for more than 120 seconds.",
        "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:",
        "rcu: INFO: rcu_preempt self-detected stall on CPU",
        "BUG: kernel NULL pointer dereference, address: 0000000000000008",
        "kernel BUG at mm/memcontrol.c:1234!",
        "Oops: 0000 [#1] PREEMPT SMP NOPTI",
        "general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] PREEMPT SMP"))
        .containsExactly(KernelProblem.Kind.LOCKDEP, KernelProblem.Kind.LOCKDEP, KernelProblem.Kind.KASAN,
            KernelProblem.Kind.KFENCE, KernelProblem.Kind.UBSAN, KernelProblem.Kind.SOFT_LOCKUP, KernelProblem.Kind.HARD_LOCKUP,
            KernelProblem.Kind.HUNG_TASK, KernelProblem.Kind.RCU_STALL, KernelProblem.Kind.RCU_STALL, KernelProblem.Kind.BUG,
            KernelProblem.Kind.BUG, KernelProblem.Kind.OOPS, KernelProblem.Kind.OOPS);
  }

  static List<KernelProblem.Kind> kinds(String... headers) {
    return KernelHealth.problems(List.of(headers)).stream().map(KernelProblem::kind).toList();
  }

  @Test
  void newTaintIsWhatWasSetDuringTheScenarioInTheKernelsLetters() {
    // W (bit 9), O (12), E (13) set by an unsigned out-of-tree module that warned; D (7) was there before.
    KernelHealth.Report r = new KernelHealth.Report(List.of(), 1L << 7, (1L << 7) | (1L << 9) | (1L << 12) | (1L << 13), null);
    assertThat(r.newTaint()).isEqualTo("WOE");
    assertThat(r.unhealthy()).isTrue();
    assertThat(r.brief()).isEqualTo("taint +WOE");
    assertThat(new KernelHealth.Report(List.of(), 1L << 7, 1L << 7, null).unhealthy()).isFalse();
    assertThat(new KernelHealth.Report(List.of(), -1, 1L << 9, null).newTaint()).isEmpty();
  }
}
