package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLinesTest {
  @Test
  void returnsOnlyCompleteLinesAndKeepsTheRestForLater(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("console.log");
    FileLines lines = new FileLines(log);
    assertThat(lines.poll()).isEmpty(); // QEMU has not created it yet

    Files.writeString(log, "[    1.000000] Run /init as init process\r\nhog-over-limit: kil");
    assertThat(lines.poll()).containsExactly("[    1.000000] Run /init as init process");
    assertThat(lines.poll()).isEmpty();

    Files.writeString(log, "led [hog]\nresults: x\n", StandardOpenOption.APPEND);
    assertThat(lines.poll()).containsExactly("hog-over-limit: killed [hog]", "results: x");
  }

  @Test
  void aCharacterCutBetweenTwoReadsStaysWhole() {
    byte[] b = "µs\n".getBytes(StandardCharsets.UTF_8); // µ is two bytes
    FileLines lines = new FileLines(Path.of("unused"));
    assertThat(lines.append(Arrays.copyOfRange(b, 0, 1))).isEmpty();
    assertThat(lines.append(Arrays.copyOfRange(b, 1, b.length))).containsExactly("µs");
  }
}
