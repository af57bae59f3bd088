package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class OomlabTest {
  @Test
  void unknownOptionIsBadInputExit2() {
    var cl = Oomlab.commandLine();
    var err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("--no-such-option")).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--no-such-option");
  }

  @Test
  void helpExitsZero() {
    var cl = Oomlab.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("--help")).isEqualTo(Oomlab.EXIT_OK);
  }
}
