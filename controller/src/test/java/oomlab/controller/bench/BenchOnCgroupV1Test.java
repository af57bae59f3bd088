package oomlab.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import oomlab.agent.KernelRequirement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks on this host's memcg v1 OOM killer, eventfd notifications and /proc writes, run
 * small: what is checked is that each measures what it claims (every hog OOM-killed and found in
 * /dev/kmsg, every target written), never how long anything took.
 */
class BenchOnCgroupV1Test {
  @BeforeEach
  void requireKernel() {
    KernelRequirement.requireRoot();
    KernelRequirement.requireMemoryController("v1");
    KernelRequirement.requireFile(Path.of("/dev/kmsg"));
  }

  @Test
  void killRateFindsEveryKillOfBothDriversInKmsg() throws Exception {
    KillRateBench.Result r = KillRateBench.run(3);
    assertThat(r.oomlab().kills()).isEqualTo(3);
    assertThat(r.c().kills()).isEqualTo(3);
    // the Killed process line is printed for every kill, ratelimit or not
    assertThat(r.oomlab().reported()).isEqualTo(3);
    assertThat(r.c().reported()).isEqualTo(3);
    assertThat(r.oomlab().exit().n()).isEqualTo(3);
  }

  @Test
  void notifyHearsOomsOnBothListeners() throws Exception {
    NotifyBench.Result r = NotifyBench.run(3);
    assertThat(r.facility()).contains("eventfd");
    // a wake-up may fall into the next hog's life on a loaded machine, so not necessarily all three
    assertThat(r.matched()).isBetween(1, 3);
    assertThat(r.oomlabSinceKilled().n()).isEqualTo(r.matched());
    // sched_waking in a tracefs instance: each heard OOM's wake-up held against the kernel's waking
    assertThat(r.wakeups()).isBetween(1, 3);
    assertThat(r.oomlabWakeup().n()).isEqualTo(r.wakeups());
    assertThat(r.cWakeup().n()).isEqualTo(r.wakeups());
  }

  @Test
  void oomScoreAdjWritesEveryTargetAndLeavesNoProcess(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
    OomScoreAdjBench.Result r = OomScoreAdjBench.run();
    assertThat(r.rows()).hasSize(OomScoreAdjBench.TARGETS.size());
    assertThat(r.rows()).allSatisfy(row -> {
      assertThat(row.oomlab().n()).isEqualTo(OomScoreAdjBench.WRITES);
      assertThat(row.c().n()).isEqualTo(OomScoreAdjBench.WRITES);
      assertThat(row.oomlabHeldFd().n()).isEqualTo(OomScoreAdjBench.WRITES);
      assertThat(row.cHeldFd().n()).isEqualTo(OomScoreAdjBench.WRITES);
    });
    BenchOutput.write(out, "oom-score-adj", OomScoreAdjBench.text(r), r);
    assertThat(Files.readString(out.resolve("bench-oom-score-adj.json"))).contains("\"mm shared by 101 processes\"");
    // The same figures for KernelCI: a DONE test with a number per figure.
    var kcidb = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("bench-oom-score-adj.kcidb.json").toFile());
    assertThat(kcidb.path("tests").size()).isGreaterThan(OomScoreAdjBench.TARGETS.size());
    assertThat(kcidb.path("tests")).allSatisfy(t -> {
      assertThat(t.path("status").asText()).isEqualTo("DONE");
      assertThat(t.at("/number/value").isNumber()).isTrue();
      assertThat(t.path("path").asText()).startsWith("oomlab.bench.oom-score-adj.");
    });
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
  }
}
