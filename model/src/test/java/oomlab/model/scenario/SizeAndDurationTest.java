package oomlab.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeAndDurationTest {

  @Test
  void parsesBytesAndBinarySuffixes() {
    assertThat(Size.parse("0")).isZero();
    assertThat(Size.parse("4096")).isEqualTo(4096);
    assertThat(Size.parse("1K")).isEqualTo(1024);
    assertThat(Size.parse("32M")).isEqualTo(32L << 20);
    assertThat(Size.parse("3G")).isEqualTo(3L << 30);
    assertThat(Size.parse("1024G")).isEqualTo(Size.MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "M", "-1", "-1M", "1.5M", "1m", "1KB", "1Ki", " 1M", "1 M", "48Q", "0x10", "1T"})
  void rejectsWhatIsNotASize(String text) {
    assertThatThrownBy(() -> Size.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a size (bytes, or K/M/G suffix)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1025G", "9223372036854775807", "9999999999999999999", "9999999999G", "1099511627777"})
  void rejectsSizesAboveOneTerabyteAndOverflow(String text) {
    assertThatThrownBy(() -> Size.parse(text)).hasMessageContaining("too large");
  }

  @Test
  void formatsTheShortestExactSpelling() {
    assertThat(Size.format(0)).isEqualTo("0");
    assertThat(Size.format(1000)).isEqualTo("1000");
    assertThat(Size.format(1536 * Size.K)).isEqualTo("1536K");
    assertThat(Size.format(32 * Size.M)).isEqualTo("32M");
    assertThat(Size.format(2 * Size.G)).isEqualTo("2G");
    assertThat(Size.parse(Size.format(12345 * Size.K))).isEqualTo(12345 * Size.K);
  }

  @Test
  void parsesDurations() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("60m")).isEqualTo(Durations.MAX);
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2S", "1.5s", "-1s", "2 s", "1h", "ms"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "61m", "3601s"})
  void rejectsZeroAndOverlongDurations(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("is not a duration");
  }
}
