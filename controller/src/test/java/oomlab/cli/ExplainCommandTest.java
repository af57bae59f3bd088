package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  /** Real reports kept with the parser's tests in the agent module. */
  static final Path KMSG = Path.of("..", "agent", "src", "test", "resources", "kmsg");
  static final Path REPORTS = Path.of("..", "agent", "src", "test", "resources", "oomreport");

  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    var cl = Oomlab.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void explainsARealGuestReport() {
    assertThat(run("explain", KMSG.resolve("guest-5.10-v1.txt").toString())).isZero();
    assertThat(out.toString())
        .contains("OOM event 1")
        .contains("kernel 5.10.0-32-amd64")
        .contains("invoked by   head (pid 120): gfp_mask=0x500cc2(GFP_HIGHUSER|__GFP_ACCOUNT), order=0, oom_score_adj=0")
        .contains("constraint   CONSTRAINT_MEMCG")
        .contains("memory: usage 16384kB, limit 16384kB, failcnt 312")
        .contains("victim       121 tail: anon-rss 15760kB")
        .contains("verdict      the victim tops the ranking");
    assertThat(out.toString()).containsPattern("1\\.     121 tail +4313 points = rss 4295 \\+ swapents 0 \\+ pgtables 18 +<- killed");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void jsonIsOneObjectPerEvent() throws Exception {
    assertThat(run("explain", "--json", REPORTS.resolve("public-5.x-docker-for-linux-1001.txt").toString())).isZero();
    var lines = out.toString().lines().toList();
    assertThat(lines).hasSize(6);
    JsonNode sixth = new ObjectMapper().readTree(lines.get(5));
    assertThat(sixth.get("kills").get(0).get("comm").asText()).isEqualTo("(resolved)");
    assertThat(sixth.get("kills").get(0).get("constraint").asText()).isEqualTo("CONSTRAINT_NONE");
    assertThat(sixth.get("kills").get(0).get("anon_rss_kb").asLong()).isEqualTo(4064);
    assertThat(sixth.get("reaped").get(0).get("anon_rss_kb").asLong()).isZero();
    assertThat(sixth.get("header_missing").asBoolean()).isTrue();
  }

  @Test
  void aLogWithoutOomReportsSaysSoAndExitsZero() throws Exception {
    Path log = Files.writeString(tmp.resolve("boot.log"), "[    0.000000] Linux version 6.1.0\n[    1.0] systemd[1]: started\n");
    assertThat(run("explain", log.toString())).isZero();
    assertThat(out.toString().trim()).isEqualTo("no OOM report found (2 lines read)");
  }

  @Test
  void binaryInputIsOneLineAndExit2() throws Exception {
    Path bin = Files.write(tmp.resolve("core"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, 3});
    assertThat(run("explain", bin.toString())).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().lines()).containsExactly("oomlab explain: " + bin + ": binary data (a NUL byte at offset 4), not a kernel log");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingFileIsOneLineAndExit2() {
    assertThat(run("explain", tmp.resolve("nope.log").toString())).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().lines()).containsExactly("oomlab explain: " + tmp.resolve("nope.log") + ": no such file");
  }

  @Test
  void aTruncatedReportSaysWhatIsMissing() throws Exception {
    String text = Files.readString(KMSG.resolve("guest-6.1-v2.txt"));
    Path cut = Files.writeString(tmp.resolve("cut.txt"), text.substring(0, text.indexOf("Tasks state")));
    assertThat(run("explain", cut.toString())).isZero();
    assertThat(out.toString()).contains("missing      task table").contains("missing      Killed process line: the input ends inside the report");
  }

  @Test
  void aHugeLineIsCutNotHeldAndTheReportAfterItIsRead() throws Exception {
    Path log = tmp.resolve("huge.log");
    try (var w = Files.newBufferedWriter(log)) {
      String junk = "x".repeat(1 << 20);
      for (int i = 0; i < 8; i++) w.write(junk); // one 8 MiB line
      w.write("\n");
      w.write(Files.readString(KMSG.resolve("guest-6.1-v2.txt")));
    }
    assertThat(run("explain", log.toString())).isZero();
    assertThat(out.toString()).contains("victim       131 tail");
    assertThat(err.toString()).contains("1 lines longer than 64 KiB were cut");
  }

  @Test
  void writesAScenarioTheLoaderAccepts() throws Exception {
    Path yaml = tmp.resolve("repro.yaml");
    assertThat(run("explain", KMSG.resolve("guest-5.10-v1.txt").toString(), "--scenario", yaml.toString(), "--scale", "2")).isZero();
    Scenario s = ScenarioLoader.load(yaml);
    assertThat(s.name()).isEqualTo("explain-event-1");
    assertThat(Files.readString(yaml)).contains("limit: 8M").contains("tail: { cgroup: A, allocate: 6M").contains("killed: [tail]");
    assertThat(err.toString()).contains("wrote " + yaml + " (event 1, scaled by 1/2)");
  }

  @Test
  void scenarioOfAnEventWithoutTableIsBadInput() {
    assertThat(run("explain", REPORTS.resolve("public-5.x-aws-efs-csi-1218-flood.txt").toString(), "--scenario",
        tmp.resolve("x.yaml").toString())).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--scenario: no event with a task table to reproduce");
    assertThat(Files.exists(tmp.resolve("x.yaml"))).isFalse();
  }
}
