package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import oomlab.agent.proc.MemcgOomWait;
import oomlab.agent.proc.ProcFs;
import org.junit.jupiter.api.Test;

/**
 * v1 {@code oom_kill_disable}: a task faulting at the limit sleeps in the memcg OOM wait (under_oom
 * 1, no kill); writing 0 wakes the waiters (memcg_oom_recover), the fault is retried and the OOM
 * killer kills it. The workload touches its memory in user mode: only a user fault waits.
 */
class OomKillDisableOnCgroupV1Test extends RealCgroupTest {
  @Test
  void taskSleepsInMemcgOomUntilTheKillerIsEnabled() throws Exception {
    openRun("v1");
    MemoryCgroupV1 a = (MemoryCgroupV1) run.create("A");
    a.setLimit(16 << 20);
    a.setOomKillDisable(true);
    Process hog = child = startToucherIn(a, 64 * M);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!a.oomControl().underOom() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(a.oomControl().underOom()).as("under_oom within 10 s").isTrue();
    // under_oom is set before the task goes to sleep: wait for the sleep itself.
    while (!MemcgOomWait.anyThreadWaiting(hog.pid()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(MemcgOomWait.anyThreadWaiting(hog.pid())).as("toucher in mem_cgroup_oom_synchronize").isTrue();
    assertThat(a.oomControl().oomKill()).hasValue(0);
    assertThat(hog.isAlive()).isTrue();

    a.setOomKillDisable(false);

    assertThat(hog.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(hog.exitValue()).as("SIGKILLed by the OOM killer").isEqualTo(128 + 9);
    assertThat(a.oomControl().oomKill()).hasValue(1);
    assertThat(a.oomControl().underOom()).isFalse();
    assertThat(ProcFs.wchan(hog.pid())).isEmpty();
  }
}
