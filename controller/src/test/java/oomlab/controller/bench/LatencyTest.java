package oomlab.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {
  @Test
  void nearestRankMedianP90AndMaxInMicroseconds() {
    // 1..10 µs, shuffled: the order of the samples must not matter
    List<Long> nanos = List.of(7_000L, 1_000L, 10_000L, 3_000L, 5_000L, 2_000L, 9_000L, 4_000L, 8_000L, 6_000L);
    Latency l = Latency.ofNanos(nanos);
    assertThat(l.n()).isEqualTo(10);
    assertThat(l.medianUs()).isEqualTo(6.0);
    assertThat(l.p90Us()).isEqualTo(10.0);
    assertThat(l.maxUs()).isEqualTo(10.0);
  }

  @Test
  void p90OfAHundredIsTheNinetyFirst() {
    Latency l = Latency.ofNanos(LongStream.rangeClosed(1, 100).map(i -> i * 1000).boxed().toList());
    assertThat(l.p90Us()).isEqualTo(91.0);
    assertThat(l.medianUs()).isEqualTo(51.0);
  }

  @Test
  void noSamplesPrintAsDash() {
    assertThat(Latency.ofNanos(List.of()).text()).isEqualTo("-");
    assertThat(Latency.ofNanos(List.of(-250_000L)).text()).isEqualTo("-250.0 / -250.0 / -250.0");
  }
}
