package oomlab.agent.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import oomlab.agent.KernelRequirement;
import oomlab.bindings.MonotonicClock;
import oomlab.bindings.SysFs;
import org.junit.jupiter.api.Test;

/** Real /dev/kmsg: a line written as root comes back as one record, and nothing older does. */
class KmsgReaderOnDevKmsgTest {
  @Test
  void readsBackALineWrittenToDevKmsgAndNothingFromBefore() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.requireFile(KmsgReader.DEVICE);
    String before = "oomlab-kmsg-test before " + UUID.randomUUID();
    String after = "oomlab-kmsg-test after " + UUID.randomUUID();
    SysFs.writeString(KmsgReader.DEVICE, "<6>" + before + "\n");
    try (KmsgReader reader = KmsgReader.fromNow()) {
      long t0 = MonotonicClock.nowNs();
      SysFs.writeString(KmsgReader.DEVICE, "<6>" + after + "\n");
      // Other tests log concurrently: skip their records, never see ours from before fromNow().
      KmsgRecord mine = null;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (mine == null && System.nanoTime() < deadline) {
        Optional<KmsgRecord> r = reader.next(Duration.ofSeconds(1));
        if (r.isEmpty()) continue;
        assertThat(r.get().message()).isNotEqualTo(before);
        if (r.get().message().equals(after)) mine = r.get();
      }
      assertThat(mine).as("our own line from /dev/kmsg").isNotNull();
      assertThat(mine.level()).isEqualTo(6);
      assertThat(mine.priority() >> 3).as("facility: user writes are LOG_USER").isEqualTo(1);
      // printk's clock and CLOCK_MONOTONIC are different clocks that tick together on this kind of
      // host; print the offset for whoever compares them (no timing assertion here).
      System.out.printf("kmsg usec - CLOCK_MONOTONIC at write: %+d us%n", mine.usec() - t0 / 1000);
    }
  }
}
