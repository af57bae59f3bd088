package oomlab.controller.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import oomlab.agent.KernelRequirement;
import oomlab.cli.Oomlab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code oomlab run} and {@code oomlab matrix} on this machine's kernel (memcg v1) with every format:
 * what they print and write is read back by the kernel's KTAP parser, an XML parser and kcidb-io's
 * schema, and says what summary.json says (a scenario for v2 only is skipped; the matrix's v2 cell
 * has no memory controller here and is not run).
 */
class FormatsOfRunAndMatrixOnCgroupV1Test {
  static final Path SCENARIOS = Path.of("..", "scenarios").toAbsolutePath().normalize();
  @TempDir Path out;
  private final StringWriter stdout = new StringWriter();

  @BeforeEach
  void kernel() {
    KernelRequirement.requireRoot();
    KernelRequirement.requireMemoryController("v1");
  }

  private int oomlab(String... args) {
    var cl = Oomlab.commandLine();
    cl.setOut(new PrintWriter(stdout));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    System.err.print(err);
    return code;
  }

  @Test
  void runPrintsKtapAndWritesEveryFormatAsked() throws Exception {
    int code = oomlab("run", SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(),
        SCENARIOS.resolve("v2/01-oom-group-leaf.yaml").toString(), "--target", "local", "--format", "ktap,junit,kcidb,json,text",
        "--out", out.toString());

    assertThat(code).isIn(Oomlab.EXIT_OK, Oomlab.EXIT_EXPECT_FAILED);
    assertThat(stdout.toString()).startsWith("KTAP version 1\n1..1\n").isEqualTo(Files.readString(out.resolve("results.ktap")));
    assertThat(out.resolve("run.txt")).content().contains("hog-over-limit: killed");
    JsonNode summary = FormatFixtures.JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/host/logicalCpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(summary.at("/scenarios/0/suite").asText()).isEqualTo("basic");
    // The host's facts (OSHI) head the report too.
    assertThat(out.resolve("report.html")).content().contains("host: " + summary.at("/host/cpuModel").asText());
    String hog = summary.at("/scenarios/0/runs/0/expectDifferences").isEmpty() ? "PASS" : "FAIL";

    JsonNode parsed = FormatFixtures.JSON.readTree(KunitParser.parse(out.resolve("results.ktap")).json());
    JsonNode suite = parsed.path("sub_groups").get(0);
    assertThat(suite.path("name").asText()).isEqualTo("local-v1");
    assertThat(names(suite.path("test_cases"))).containsExactly("hog-over-limit " + hog, "oom-group-leaf SKIP");

    var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile()).getDocumentElement();
    assertThat(xml.getAttribute("tests")).isEqualTo("2");
    assertThat(xml.getAttribute("skipped")).isEqualTo("1");
    assertThat(((Element) xml.getElementsByTagName("testcase").item(0)).getAttribute("classname")).isEqualTo("oomlab.basic.local-v1");

    String kcidb = Files.readString(out.resolve("kcidb.json"));
    JsonNode test = FormatFixtures.JSON.readTree(kcidb).path("tests").get(0);
    assertThat(test.path("path").asText()).isEqualTo("oomlab.basic.hog-over-limit");
    assertThat(test.path("status").asText()).isEqualTo(hog);
    assertThat(test.at("/misc/kernel").asText()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
    assertThat(test.at("/misc/cgroupVersion").asText()).isEqualTo("v1");
    validates(kcidb);
  }

  @Test
  void matrixPrintsOneKtapSuitePerCellAndWritesEveryFormat() throws Exception {
    int code = oomlab("matrix", SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(), "--kernels", "local",
        "--cgroup", "v1,v2", "--jobs", "2", "--format", "ktap,kcidb,junit", "--out", out.toString());

    assertThat(code).isIn(Oomlab.EXIT_OK, Oomlab.EXIT_EXPECT_FAILED);
    assertThat(stdout.toString()).isEqualTo(Files.readString(out.resolve("results.ktap")));
    assertThat(out.resolve("matrix.txt")).content().contains("hog-over-limit");
    JsonNode matrix = FormatFixtures.JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(matrix.at("/cells/0/dir").asText()).isEqualTo("local-v1");
    assertThat(matrix.at("/cells/1/notRun").asText()).contains("v2");

    KunitParser.Parse parse = KunitParser.parse(out.resolve("results.ktap"));
    assertThat(parse.output()).doesNotContain("[ERROR]", "[CRASHED]");
    JsonNode parsed = FormatFixtures.JSON.readTree(parse.json());
    assertThat(parsed.path("sub_groups").get(0).path("name").asText()).isEqualTo("local-v1");
    assertThat(names(parsed.path("test_cases"))).containsExactly("local-v2 SKIP");
    var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile()).getDocumentElement();
    assertThat(xml.getAttribute("tests")).isEqualTo("2");
    validates(Files.readString(out.resolve("kcidb.json")));
  }

  /** Against kcidb-io's schema when this machine has it (see KcidbSchema); the other checks run regardless. */
  private static void validates(String kcidb) throws Exception {
    if (System.getenv(KcidbSchema.ENV) == null) return;
    assertThat(KcidbSchema.errors(KcidbSchema.load(), kcidb)).isEmpty();
  }

  private static List<String> names(JsonNode cases) {
    List<String> out = new ArrayList<>();
    cases.forEach(c -> out.add(c.path("name").asText() + " " + c.path("status").asText()));
    return out;
  }
}
