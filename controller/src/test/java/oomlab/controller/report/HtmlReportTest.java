package oomlab.controller.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * report.html of real results directories recorded on this machine (kernel 6.18, cgroup v1):
 * {@code suite-v1} holds the hierarchy scenario (cgroups P, P/a, P/b; the kernel killed
 * {@code resident} for P's OOM), tmpfs (two designs diverge) and a refused scenario;
 * {@code repeat-v1} is largest-of-several with {@code --repeat 3}.
 */
class HtmlReportTest {
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final String SVG = "http://www.w3.org/2000/svg";

  @TempDir Path tmp;

  @Test
  void reportIsWellFormedXhtmlWithOneChartPerCgroupAndTheVictimsName() throws Exception {
    Path report = HtmlReport.write(copy("suite-v1"));
    Document doc = parse(report);

    List<String> captions = texts(doc.getElementsByTagNameNS(XHTML, "figcaption"));
    assertThat(captions).containsSubsequence("cgroup P", "cgroup P/a", "cgroup P/b", "tasks: bytes allocated");
    assertThat(captions.stream().filter(c -> c.startsWith("cgroup "))).hasSize(3 + 1); // hierarchy's three, tmpfs's A
    assertThat(doc.getElementsByTagNameNS(SVG, "svg").getLength()).isEqualTo(captions.size());
    // the kill mark names the victim by its task name (the kernel's comm is the workload program's)
    List<String> marks = texts(doc.getElementsByTagNameNS(SVG, "text"));
    assertThat(marks).contains("OOM kill: resident", "OOM kill: resident (OOM in P)", "notified (eventfd)");
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text).contains("kernel OOM kill: resident (pid 29811, comm oomlab-workload");
    assertThat(text).contains("needs CAP_SYS_RESOURCE");
  }

  @Test
  void limitIsDrawnAsALineAtTheLimitAndDivergingDesignsAreNamed() throws Exception {
    Document doc = parse(HtmlReport.write(copy("suite-v1")));
    NodeList titles = doc.getElementsByTagNameNS(SVG, "title");
    List<String> seriesTitles = texts(titles);
    assertThat(seriesTitles).contains("limit", "usage (samples)", "resident", "grower");
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text).contains("4 conform, 2 diverge (oomlock3x, hocko2018)");
    assertThat(text).contains("overcharged.A");
  }

  @Test
  void repeatedRunsGetTheDistributionTable() throws Exception {
    Document doc = parse(HtmlReport.write(copy("repeat-v1")));
    Element table = byClass(doc, "table", "dist").getFirst();
    NodeList rows = table.getElementsByTagNameNS(XHTML, "tr");
    assertThat(rows.getLength()).isEqualTo(2); // header + the one distinct outcome
    String row = rows.item(1).getTextContent();
    assertThat(row).contains("killed big", "3", "100.0%", "mainline6");
    assertThat(byClass(doc, "details", "rep")).hasSize(3);
    assertThat(byClass(doc, "table", "index").getFirst().getTextContent()).contains("6 conform over all runs");
  }

  @Test
  void theEraDesignsVerdictLeadsTheIndexWithTheRunsItConformsOn() throws Exception {
    // The same results as a run that named its era design (summary.json's eraDesign).
    Path dir = copy("repeat-v1");
    Path summary = dir.resolve("summary.json");
    Files.writeString(summary, Files.readString(summary).replace("\"cgroupVersion\" : \"v1\",",
        "\"cgroupVersion\" : \"v1\",\n  \"eraDesign\" : \"mainline6\","));
    Document doc = parse(HtmlReport.write(dir));
    assertThat(byClass(doc, "table", "index").getFirst().getTextContent())
        .contains("mainline6 conforms (3 of 3 runs); older designs: 5 conform over all runs");
    assertThat(byClass(doc, "p", "meta").getFirst().getTextContent()).contains("era design: mainline6");
  }

  @Test
  void pageIsSelfContained() throws Exception {
    String html = Files.readString(HtmlReport.write(copy("repeat-v1")));
    assertThat(html).doesNotContain("<script", "src=", "<link", "url(");
    assertThat(html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
  }

  @Test
  void aDirectoryWithoutSummaryIsBadInput() {
    assertThatThrownBy(() -> HtmlReport.write(tmp)).isInstanceOf(ReportInputException.class)
        .hasMessageContaining("no summary.json");
    assertThatThrownBy(() -> HtmlReport.write(tmp.resolve("missing"))).isInstanceOf(ReportInputException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void missingTraceIsANoteNotAFailure() throws Exception {
    Path dir = copy("suite-v1");
    Files.delete(dir.resolve("tmpfs/trace.jsonl"));
    String text = parse(HtmlReport.write(dir)).getDocumentElement().getTextContent();
    assertThat(text).contains("tmpfs/trace.jsonl is missing");
  }

  private Path copy(String fixture) throws IOException, URISyntaxException {
    Path source = Path.of(getClass().getResource("/report/" + fixture).toURI());
    Path target = tmp.resolve(fixture);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    return target;
  }

  static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  private static List<String> texts(NodeList nodes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
    return out;
  }

  private static List<Element> byClass(Document doc, String tag, String cls) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagNameNS(XHTML, tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cls)) out.add(e);
    }
    return out;
  }
}
