package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A limit write landing between the reads of one sample pairs no usage with a limit it never had. */
class UsageSampleTest {
  private static final long M = 1 << 20;

  /** The limit file's successive reads. */
  private static UsageSample.Read<Long> limits(Long... values) {
    Deque<Long> reads = new ArrayDeque<>(List.of(values));
    return reads::removeFirst;
  }

  /** 6.12 v2 shrink-max-kills, run 4 of 12: usage read at 32.1M before memory_max_write stored 16M. */
  @Test
  void aShrinkBetweenTheReadsKeepsTheLimitTheUsageWasReadUnder() throws Exception {
    UsageSample s = UsageSample.read(limits(64 * M, 16 * M), () -> 33648640L, () -> OptionalLong.of(34078720L));
    assertThat(s.limit()).isEqualTo(64 * M);
    assertThat(s.usage()).isLessThanOrEqualTo(s.limit());
  }

  @Test
  void aRaiseBetweenTheReadsKeepsTheRaisedLimit() throws Exception {
    UsageSample s = UsageSample.read(limits(32 * M, 96 * M), () -> 40 * M, OptionalLong::empty);
    assertThat(s.limit()).isEqualTo(96 * M);
  }

  @Test
  void aUsageAboveTheLimitOfBothReadsIsStillAnOvercharge() throws Exception {
    UsageSample s = UsageSample.read(limits(32 * M, 32 * M), () -> 33 * M, () -> OptionalLong.of(33 * M));
    assertThat(s.usage()).isGreaterThan(s.limit());
  }
}
