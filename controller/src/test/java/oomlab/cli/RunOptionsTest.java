package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options file the host writes and the guest agent reads instead of a command line. */
class RunOptionsTest {
  static final RunOptions FULL = new RunOptions(List.of(Path.of("/s/basic"), Path.of("/s/v2/01 oom=group.yaml")), "local", true,
      "v1", List.of("mainline6", "nokill"), 3, Path.of("/r/out"), true, true, "1s", 42).selecting(List.of("hog#2", "hog#3"));
  static final RunOptions DEFAULTS = new RunOptions(List.of(Path.of("/s/a.yaml")), "local", false, null, null, 1, null, false,
      false, "300ms", 1_000_000);

  @Test
  void whatTheHostWritesTheGuestReadsBackEqual(@TempDir Path dir) throws Exception {
    for (RunOptions o : List.of(FULL, DEFAULTS)) {
      Path file = dir.resolve("options");
      o.write(file);
      assertThat(RunOptions.read(file)).isEqualTo(o);
    }
  }

  @Test
  void absentOptionalKeysAreTheDefaults() {
    assertThat(DEFAULTS.toFileText()).doesNotContain("cgroup=", "design=", "out=", "select=");
    RunOptions read = RunOptions.parse("f", DEFAULTS.toFileText());
    assertThat(read.cgroup()).isNull();
    assertThat(read.designs()).isNull();
    assertThat(read.out()).isNull();
  }

  @Test
  void anUnknownKeyIsOneLineNamingFileLineAndKey() {
    String text = DEFAULTS.toFileText() + "colour=blue\n";
    int line = (int) text.lines().count();
    assertThatThrownBy(() -> RunOptions.parse("opts", text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("opts:" + line + ": unknown key colour").hasMessageNotContaining("\n");
  }

  @Test
  void malformedValuesAreRefusedNamingTheirLine() {
    String text = DEFAULTS.toFileText();
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("repeat=1", "repeat=two")))
        .hasMessageContaining("repeat: expected a whole number, got two").hasMessageStartingWith("f:");
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("repeat=1", "repeat=99999999999")))
        .hasMessageContaining("repeat: expected a whole number");
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("json=false", "json=yes")))
        .hasMessageContaining("json: expected true or false, got yes");
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("json=false", "json"))).hasMessageContaining("expected key=value");
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("target=local", "target=")))
        .hasMessageContaining("target: empty value");
  }

  @Test
  void aMissingOrRepeatedKeyIsRefused() {
    String text = DEFAULTS.toFileText();
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("settle=300ms\n", ""))).hasMessage("f: missing key settle");
    assertThatThrownBy(() -> RunOptions.parse("f", text.replace("input=/s/a.yaml\n", ""))).hasMessage("f: missing key input");
    assertThatThrownBy(() -> RunOptions.parse("f", text + "target=vm:6.1\n")).hasMessageContaining("target given twice");
  }

  @Test
  void aLineBreakInAValueCannotBeWritten() {
    RunOptions o = new RunOptions(List.of(Path.of("/s/a\nb.yaml")), "local", false, null, null, 1, null, false, false, "300ms", 1);
    assertThatThrownBy(o::toFileText).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
  }
}
