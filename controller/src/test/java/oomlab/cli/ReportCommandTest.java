package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path tmp;

  @Test
  void badDirectoryIsOneLineAndExit2() {
    var cl = Oomlab.commandLine();
    var err = new StringWriter();
    var out = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("report", tmp.toString())).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().lines()).containsExactly("oomlab report: " + tmp + ": not an oomlab results directory (no summary.json)");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.exists(tmp.resolve("report.html"))).isFalse();
  }

  @Test
  void writesTheReportAndPrintsItsPath() throws Exception {
    Files.writeString(tmp.resolve("summary.json"), """
        {"target":"local","kernel":"6.18","cgroupVersion":"v1","designs":["mainline6"],"repeat":1,"exitCode":3,
         "scenarios":[{"scenario":"x","status":"refused","reason":"needs CAP_SYS_RESOURCE","runs":[]}]}
        """);
    var cl = Oomlab.commandLine();
    var out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("report", tmp.toString())).isEqualTo(Oomlab.EXIT_OK);
    assertThat(out.toString().trim()).isEqualTo(tmp.resolve("report.html").toString());
    assertThat(Files.readString(tmp.resolve("report.html"))).contains("needs CAP_SYS_RESOURCE");
  }
}
