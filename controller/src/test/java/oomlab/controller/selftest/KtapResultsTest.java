package oomlab.controller.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** KTAP as tools/testing/selftests/kselftest.h prints it (6.1: ksft_test_result_pass/fail/skip). */
class KtapResultsTest {
  static final String OUTPUT = """
      TAP version 13
      1..4
      ok 1 test_memcg_subtree_control
      not ok 2 test_memcg_min
      # a diagnostic line, not a result: ok 9 nothing
      ok 3 # SKIP test_memcg_swap_max
      ok 4 test_memcg_oom_events # SKIP no swap
      # Totals: pass:1 fail:1 xfail:0 xpass:0 skip:2 error:0
      # oomlab: test_memcontrol exited 1
      """;

  @Test
  void passFailAndBothFormsOfSkipAreCounted() {
    KtapResults r = KtapResults.parse(OUTPUT);
    assertThat(r.results()).hasSize(4);
    assertThat(r.count(KtapResults.Status.PASS)).isEqualTo(1);
    assertThat(r.count(KtapResults.Status.FAIL)).isEqualTo(1);
    assertThat(r.count(KtapResults.Status.SKIP)).isEqualTo(2);
    assertThat(r.results().get(1).name()).isEqualTo("test_memcg_min");
    assertThat(r.results().get(2).name()).isEqualTo("test_memcg_swap_max");
    assertThat(r.results().get(3).reason()).isEqualTo("no swap");
    assertThat(r.summary()).isEqualTo("4 tests: 1 pass, 1 fail (test_memcg_min), 2 skip (test_memcg_swap_max, test_memcg_oom_events)");
  }
}
