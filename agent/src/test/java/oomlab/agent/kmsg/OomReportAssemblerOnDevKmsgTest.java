package oomlab.agent.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.MemoryCgroupV1;
import oomlab.agent.cgroup.MemoryCgroupV2;
import oomlab.agent.cgroup.RealCgroupTest;
import org.junit.jupiter.api.Test;

/** A real memcg OOM kill (this host's cgroup v1, or a v2 guest), read back from /dev/kmsg and assembled. */
class OomReportAssemblerOnDevKmsgTest extends RealCgroupTest {
  @Test
  void memcgOomKillIsAssembledFromDevKmsg() throws Exception {
    KernelRequirement.requireFile(KmsgReader.DEVICE);
    openRun();
    try (KmsgReader kmsg = KmsgReader.fromNow()) {
      MemoryCgroup a = run.create("A");
      a.setLimits(16 << 20, 0);
      // tail buffers its whole input: 64M of zeros in a 16M memcg without swap -> OOM kill.
      Process hog = child = startHogIn(a);
      assertThat(hog.waitFor(30, TimeUnit.SECONDS)).isTrue();

      String memcg = root.hierarchy().kernelPath(a.path());
      var assembler = new OomReportAssembler();
      KernelOomKill kill = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (kill == null && System.nanoTime() < deadline) {
        var record = kmsg.next(Duration.ofMillis(500));
        if (record.isEmpty()) {
          continue;
        }
        if (assembler.accept(record.get()).orElse(null) instanceof KernelOomKill k && k.concerns(memcg)) {
          kill = k;
        }
      }
      assertThat(kill).as("kernel_oom_kill for " + memcg).isNotNull();
      assertThat(kill.comm()).isEqualTo("tail");
      assertThat(kill.oomMemcg()).isEqualTo(memcg);
      assertThat(kill.taskMemcg()).isEqualTo(memcg);
      assertThat(kill.constraint()).isEqualTo("CONSTRAINT_MEMCG");
      assertThat(kill.anonRssKb()).isPositive().isLessThanOrEqualTo(16 << 10);
      assertThat(kill.oomScoreAdj()).isZero();
      // At least one kill: a second, unneeded victim (head) is something the kernel may do (DESIGN 2).
      switch (a) {
        case MemoryCgroupV1 v1 -> assertThat(v1.oomControl().oomKill().orElseThrow()).isPositive();
        case MemoryCgroupV2 v2 -> assertThat(v2.eventsLocal().oomKill()).isPositive();
      }
    }
  }
}
