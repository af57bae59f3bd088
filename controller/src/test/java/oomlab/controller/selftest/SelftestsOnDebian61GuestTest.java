package oomlab.controller.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import oomlab.controller.vm.CgroupMode;
import oomlab.controller.vm.GuestRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oomlab selftests 6.1 --cgroup v2}, test_memcontrol only (the other programs cost minutes
 * more under TCG): Debian's own linux-source-6.1 selftest, built here and run in oomlab's 6.1
 * guest, passes every test but test_memcg_swap_max, which the kernel's test skips because the
 * guest has no swap device (is_swap_enabled reads /proc/swaps). test_memcg_sock may fail: the 6.1
 * test reads memory.stat's {@code sock} once after the connection closed, and the memcg rstat
 * flush worker (FLUSH_TIME, 2 s) may not have run yet, on real hardware too; 7.2's test polls for
 * 3 s ({@code cg_read_key_long_poll}, MEMCG_SOCKSTAT_WAIT_RETRIES). Seen once in CI at load 5, it
 * passed on the rerun. Any other failure fails this test.
 */
class SelftestsOnDebian61GuestTest {
  @Test
  void testMemcontrolPassesInTheGuest(@TempDir Path out) throws Exception {
    GuestRequirement.kernel("6.1");
    StringWriter stdout = new StringWriter();
    int code = Selftests.run("6.1", CgroupMode.V2, List.of("test_memcontrol"), out, Duration.ofMinutes(15),
        new PrintWriter(stdout), new PrintWriter(System.err, true));
    System.err.println(stdout);
    KtapResults r = KtapResults.parse(Files.readString(out.resolve("test_memcontrol.ktap")));
    assertThat(r.results()).as(stdout.toString()).hasSizeGreaterThanOrEqualTo(14);
    List<String> failed = r.results().stream().filter(t -> t.status() == KtapResults.Status.FAIL)
        .map(KtapResults.Result::name).toList();
    assertThat(failed).as(stdout.toString()).isSubsetOf(List.of("test_memcg_sock"));
    assertThat(r.results().stream().filter(t -> t.status() == KtapResults.Status.SKIP).map(KtapResults.Result::name))
        .containsExactly("test_memcg_swap_max");
    for (String oom : List.of("test_memcg_oom_events", "test_memcg_oom_group_leaf_events", "test_memcg_oom_group_parent_events",
        "test_memcg_oom_group_score_events")) {
      assertThat(r.results()).anyMatch(t -> t.name().equals(oom) && t.status() == KtapResults.Status.PASS);
    }
    // Each result once: line-buffered output is not duplicated by the tests' fork().
    assertThat(r.results().stream().map(KtapResults.Result::number).distinct().count()).isEqualTo(r.results().size());
    assertThat(code).isEqualTo(failed.isEmpty() ? 0 : 1);
    assertThat(stdout.toString()).contains("oomlab selftests: test_memcontrol on 6.1.0-");
  }
}
