package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import oomlab.agent.proc.MemcgOomWait;
import oomlab.agent.proc.ProcFs;
import org.junit.jupiter.api.Test;

/**
 * v1 {@code oom_kill_disable}: a task at the limit sleeps in the memcg OOM wait (under_oom 1, no
 * kill); writing 0 wakes the waiters (memcg_oom_recover) and the OOM killer then kills.
 */
class OomKillDisableOnCgroupV1Test extends RealCgroupTest {
  @Test
  void taskSleepsInMemcgOomUntilTheKillerIsEnabled() throws Exception {
    openRun("v1");
    {
      MemoryCgroupV1 a = (MemoryCgroupV1) run.create("A");
      a.setLimit(16 << 20);
      a.setOomKillDisable(true);
      Process hog = child = startHogIn(a);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!a.oomControl().underOom() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(a.oomControl().underOom()).as("under_oom within 10 s").isTrue();
      long tail = a.procs().stream().filter(OomKillDisableOnCgroupV1Test::isTail).findFirst().orElseThrow();
      // under_oom is set before the task goes to sleep: wait for the sleep itself.
      while (!MemcgOomWait.isWaiting(tail) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(MemcgOomWait.isWaiting(tail)).as("tail in mem_cgroup_oom_synchronize").isTrue();
      assertThat(a.oomControl().oomKill()).hasValue(0);
      assertThat(hog.isAlive()).isTrue();

      a.setOomKillDisable(false);

      assertThat(hog.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(a.oomControl().oomKill()).hasValue(1);
      assertThat(a.oomControl().underOom()).isFalse();
      assertThat(ProcFs.wchan(tail)).isEmpty();
    }
  }

  private static boolean isTail(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim().equals("tail");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
