package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestMainTest {
  @Test
  void aBadOptionsFileIsBadInputAndRunsNothing(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("opts"), "input=/nonexistent.yaml\ncolour=blue\n");
    assertThat(GuestMain.runOptions(file)).isEqualTo(2);
    assertThat(GuestMain.runOptions(dir.resolve("missing"))).isEqualTo(2);
  }
}
