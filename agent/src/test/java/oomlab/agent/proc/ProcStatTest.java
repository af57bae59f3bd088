package oomlab.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void fieldsAreCountedFromTheLastParenthesisOfTheCommandName() throws Exception {
    // A real stat of a program named "w) (x y", copied on this host (6.18).
    String text = Files.readString(Path.of("src/test/resources/proc/stat-host-6.18-comm-with-parens.txt"));

    assertThat(ProcStat.parse(text)).isEqualTo(new ProcStat('S', 0, 994456));
    assertThat(ProcStat.parse(text).alive()).isTrue();
  }

  @Test
  void cpuTicksAreUserPlusSystemTime() {
    assertThat(ProcStat.parse("7 (sh) S 1 7 7 0 -1 4 0 0 0 0 12 5 0 0 20 0 1 0 55 0 0").cpuTicks()).isEqualTo(17);
  }

  @Test
  void aZombieIsNotAlive() {
    assertThat(ProcStat.parse("7 (sh) Z 1 7 7 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0").alive()).isFalse();
  }

  @Test
  void aTruncatedStatIsRefused() {
    assertThatThrownBy(() -> ProcStat.parse("7 (sh) S 1 7")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("22 fields");
  }
}
