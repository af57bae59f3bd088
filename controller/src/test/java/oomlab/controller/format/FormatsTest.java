package oomlab.controller.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import oomlab.bindings.HostFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The three formats the field reads, on cells holding every kind of result (FormatFixtures), each
 * read back by the reader the field uses: KTAP by the kernel's own parser (kunit.py parse, from
 * Debian's linux-source-6.1), KCIDB by a JSON-schema validator with kcidb-io's schema, JUnit by an
 * XML parser.
 */
class FormatsTest {
  @TempDir Path dir;

  @Test
  void ktapParsesWithTheKernelsParserIntoOneSuitePerCellAndOneTestPerScenario() throws Exception {
    Path file = Files.writeString(dir.resolve("results.ktap"), Ktap.render(FormatFixtures.cells()));

    KunitParser.Parse parse = KunitParser.parse(file);

    assertThat(parse.output()).doesNotContain("[ERROR]", "[CRASHED]", "[NO TESTS RUN]");
    // kunit counts erred tests as failed: 2 failed expectations + 2 erred scenarios + the cell without results.
    assertThat(parse.output()).contains("Ran 11 tests: passed: 3, failed: 5, skipped: 3");
    assertThat(parse.exitCode()).isEqualTo(1);
    JsonNode tree = FormatFixtures.JSON.readTree(parse.json());
    List<String> suites = new ArrayList<>();
    tree.path("sub_groups").forEach(g -> suites.add(g.path("name").asText()));
    assertThat(suites).containsExactly("6.1-v2");
    JsonNode cell = tree.path("sub_groups").get(0);
    assertThat(statuses(cell.path("test_cases"))).containsExactly("hog-over-limit PASS", "largest-of-several FAIL",
        "mlocked-victim FAIL", "oom-kill-disable-blocked FAIL", "oom-kill-disable-raise-limit SKIP", "adj-minus-1000-spared SKIP");
    assertThat(cell.path("sub_groups").get(0).path("name").asText()).isEqualTo("shared-mm");
    assertThat(statuses(cell.path("sub_groups").get(0).path("test_cases"))).containsExactly("run-1 PASS", "run-2 FAIL", "run-3 PASS");
    assertThat(statuses(tree.path("test_cases"))).containsExactly("7.2-v1 SKIP", "5.10-v2 FAIL");
  }

  @Test
  void ktapDiagnosticsGiveTheOutcomeAndTheEraVerdictBeforeEachResult() throws Exception {
    List<String> lines = Ktap.render(FormatFixtures.cells()).lines().toList();
    int result = lines.indexOf("    ok 1 hog-over-limit");
    assertThat(lines.subList(result - 3, result)).containsExactly(
        "    # hog-over-limit: outcome: killed [hog] survived [] blocked [] notifications A=1 counters A:oom=1,oom_kill=1",
        "    # hog-over-limit: era verdict: mainline6 conforms",
        "    # hog-over-limit: verdicts: conforms: hocko2018,mainline6; diverges: kamezawa2010,kamezawa2010-fixed,oomlock3x,davydov2015");
    assertThat(lines).contains("        # shared-mm run-2: era verdict: mainline6 diverges",
        "    ok 6 adj-minus-1000-spared # SKIP refused: a negative oom_score_adj needs CAP_SYS_RESOURCE");
    assertThat(lines.getFirst()).isEqualTo("KTAP version 1");
    assertThat(lines.getLast()).isEqualTo("# Totals: pass:3 fail:2 xfail:0 xpass:0 skip:3 error:3");
  }

  @Test
  void junitIsOneSurefireTestsuiteWithOneTestcasePerScenarioRun() throws Exception {
    String xml = Junit.render("oomlab.test", FormatFixtures.cells(), Map.of("oomlab.run", "test"));

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));

    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    NodeList cases = suite.getElementsByTagName("testcase");
    // 6 single-run scenarios + 3 repetitions + the cell not run + the cell without results
    assertThat(cases.getLength()).isEqualTo(11);
    assertThat(suite.getAttribute("tests")).isEqualTo("11");
    assertThat(suite.getAttribute("failures")).isEqualTo("2").isEqualTo(String.valueOf(suite.getElementsByTagName("failure").getLength()));
    assertThat(suite.getAttribute("errors")).isEqualTo("3").isEqualTo(String.valueOf(suite.getElementsByTagName("error").getLength()));
    assertThat(suite.getAttribute("skipped")).isEqualTo("3").isEqualTo(String.valueOf(suite.getElementsByTagName("skipped").getLength()));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      names.add(c.getAttribute("classname") + "#" + c.getAttribute("name"));
    }
    assertThat(names).startsWith("oomlab.basic.6_1-v2#hog-over-limit").contains("oomlab.basic.6_1-v2#shared-mm[2]", "oomlab.7_2-v1#7_2-v1");
    Element failed = (Element) suite.getElementsByTagName("failure").item(0);
    assertThat(failed.getAttribute("message")).isEqualTo("expect failed: killed: expected [big], got [small]");
    assertThat(failed.getTextContent()).contains("era verdict: mainline6 conforms");
    assertThat(((Element) cases.item(0)).getAttribute("time")).isEqualTo("33.023");
  }

  @Test
  void kcidbHasOneTestPerScenarioRunWithTheDottedPathAndTheVerdictsInMisc() throws Exception {
    JsonNode report = FormatFixtures.JSON.readTree(Kcidb.render("matrix-20261204", FormatFixtures.cells(), HostFacts.ofThisHost()));

    assertThat(report.path("version").path("major").asInt()).isEqualTo(5);
    assertThat(report.path("checkouts")).hasSize(3);
    assertThat(report.path("builds")).hasSize(3);
    JsonNode tests = report.path("tests");
    assertThat(tests).hasSize(11);
    List<String> buildIds = new ArrayList<>();
    report.path("builds").forEach(b -> buildIds.add(b.path("id").asText()));
    for (JsonNode t : tests) {
      assertThat(t.path("origin").asText()).isEqualTo("oomlab");
      assertThat(t.path("id").asText()).startsWith("oomlab:matrix-20261204:");
      assertThat(buildIds).contains(t.path("build_id").asText());
    }
    JsonNode hog = tests.get(0);
    assertThat(hog.path("path").asText()).isEqualTo("oomlab.basic.hog-over-limit");
    assertThat(hog.path("status").asText()).isEqualTo("PASS");
    assertThat(hog.at("/misc/kernel").asText()).isEqualTo("6.1.0-50-amd64");
    assertThat(hog.at("/misc/cgroupVersion").asText()).isEqualTo("v2");
    assertThat(hog.at("/misc/eraVerdict").asText()).isEqualTo("conforms");
    assertThat(hog.at("/misc/verdicts/kamezawa2010").asText()).isEqualTo("diverges");
    assertThat(hog.at("/misc/outcome/killed/0").asText()).isEqualTo("hog");
    assertThat(hog.at("/environment/misc/host/logicalCpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    List<String> statuses = new ArrayList<>();
    tests.forEach(t -> statuses.add(t.path("status").asText()));
    assertThat(statuses).containsExactly("PASS", "FAIL", "ERROR", "ERROR", "SKIP", "SKIP", "PASS", "FAIL", "PASS", "SKIP", "ERROR");
  }

  @Test
  void kcidbValidatesAgainstKcidbIosSchema() throws Exception {
    JsonSchema schema = KcidbSchema.load();
    String report = Kcidb.render("matrix-20261204", FormatFixtures.cells(), HostFacts.ofThisHost());

    assertThat(KcidbSchema.errors(schema, report)).isEmpty();
    // The validator is real: a status KCIDB does not know is refused.
    assertThat(KcidbSchema.errors(schema, report.replaceFirst("\"PASS\"", "\"PASSED\""))).isNotEmpty();
  }

  @Test
  void benchFiguresAreKcidbTestsWithANumberEach() throws Exception {
    JsonNode figures = FormatFixtures.JSON.readTree("{\"kernel\": \"6.18.0\", \"cgroupVersion\": \"v1\", \"ooms\": 20,"
        + " \"oomlabSinceKilled\": {\"p50\": 41.5, \"p99\": 97.25}, \"loadBefore\": \"1.2\"}");
    String report = Kcidb.bench("bench-20261204", "notify", figures, HostFacts.ofThisHost());

    List<String> tests = new ArrayList<>();
    FormatFixtures.JSON.readTree(report).path("tests").forEach(t -> tests.add(t.path("path").asText() + " " + t.path("status").asText()
        + " " + t.at("/number/value").asDouble() + " " + t.at("/misc/loadBefore").asText()));
    assertThat(tests).containsExactly("oomlab.bench.notify.ooms DONE 20.0 1.2", "oomlab.bench.notify.oomlabSinceKilled.p50 DONE 41.5 1.2",
        "oomlab.bench.notify.oomlabSinceKilled.p99 DONE 97.25 1.2");
    if (System.getenv(KcidbSchema.ENV) != null) assertThat(KcidbSchema.errors(KcidbSchema.load(), report)).isEmpty();
  }

  private static List<String> statuses(JsonNode cases) {
    List<String> out = new ArrayList<>();
    cases.forEach(c -> out.add(c.path("name").asText() + " " + c.path("status").asText()));
    return out;
  }
}
