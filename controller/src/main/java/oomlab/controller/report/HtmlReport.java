package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a results directory (DESIGN section 6): one self-contained page, inline
 * CSS and inline SVG, no script and no network, so it can be mailed, attached to a bug or opened
 * from a guest's share years later. It is XHTML (well-formed XML) so that tests and tools can
 * parse it. Everything on it comes from the directory's files: rewriting it after a run (or after
 * a format change) needs nothing but {@code oomlab report DIR}.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";

  private HtmlReport() {}

  /** Writes {@code dir/report.html} from the files in {@code dir} and returns its path. */
  public static Path write(Path dir) throws ReportInputException, IOException {
    String html = render(ResultsDir.open(dir));
    Path target = dir.resolve(FILE);
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.writeString(tmp, html);
    // a reader (a browser reloading) never sees half a page
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * The hook at the end of {@code oomlab run}: writes the report and prints {@code report: PATH} to
   * {@code out} (null: print nothing, e.g. with {@code --json}); a failure is one line on
   * {@code err} and does not change the run's exit code, since the results themselves are written.
   */
  public static void writeAfterRun(Path dir, PrintWriter out, PrintWriter err) {
    try {
      Path path = write(dir);
      if (out != null) out.println("report: " + path);
    } catch (ReportInputException | IOException | RuntimeException e) {
      err.println("oomlab run: report.html not written: " + e.getMessage());
    }
  }

  static String render(ResultsDir results) {
    JsonNode summary = results.summary();
    List<String> designs = new ArrayList<>();
    summary.path("designs").forEach(d -> designs.add(d.asText()));
    StringBuilder sb = new StringBuilder();
    String title = "oomlab report: " + results.dir().toAbsolutePath().normalize().getFileName();
    sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>").append(escape(title)).append("</title><style>").append(Css.TEXT).append("</style></head><body>");
    sb.append("<h1>").append(escape(title)).append("</h1>");
    sb.append("<p class=\"meta\">kernel <b>").append(escape(summary.path("kernel").asText("?"))).append("</b>, cgroup <b>")
        .append(escape(summary.path("cgroupVersion").asText("?"))).append("</b>, target <b>")
        .append(escape(summary.path("target").asText("?"))).append("</b>, repeat ").append(summary.path("repeat").asInt(1))
        .append(", exit code ").append(summary.path("exitCode").asText("?"));
    String era = summary.path("eraDesign").asText("");
    if (!era.isEmpty()) {
      sb.append("<br/>era design: <b>").append(escape(era)).append("</b> (the design of this kernel's line; its verdict "
          + "leads, the other designs say what an older design would allow)");
    }
    sb.append("<br/>designs: ").append(escape(String.join(", ", designs))).append(host(summary.path("host"))).append("</p>");
    List<JsonNode> scenarios = results.scenarios();
    sb.append(index(scenarios, era));
    for (JsonNode scenario : scenarios) sb.append(ScenarioSection.html(results, scenario, designs));
    sb.append("<p class=\"meta\">Times are ms since each run's start; kernel kills are stamped with the printk time of the "
        + "<code>Killed process</code> line. Usage is sampled (dots), task totals are the workload's own reports. "
        + "Grey background: teardown after <code>run_finished</code>, not part of the outcome.</p>");
    return sb.append("</body></html>\n").toString();
  }

  /** The machine that ran oomlab (summary.json's {@code host}, from OSHI), or nothing for older summaries. */
  private static String host(JsonNode host) {
    if (!host.isObject()) return "";
    return "<br/>host: " + escape(host.path("cpuModel").asText("?")) + ", " + host.path("logicalCpus").asInt() + " CPUs ("
        + host.path("physicalCpus").asInt() + " cores), " + String.format(java.util.Locale.ROOT, "%.1f GiB",
        host.path("memoryBytes").asLong() / (double) (1L << 30)) + " memory, kernel " + escape(host.path("kernel").asText("?"))
        + " (" + escape(host.path("os").asText("?")) + ")";
  }

  private static String index(List<JsonNode> scenarios, String era) {
    StringBuilder sb = new StringBuilder("<table class=\"index\"><thead><tr><th>scenario</th><th>status</th><th>outcome</th>"
        + "<th>verdicts</th></tr></thead><tbody>");
    for (JsonNode s : scenarios) {
      String name = s.path("scenario").asText();
      String status = s.path("status").asText();
      JsonNode runs = s.path("runs");
      sb.append("<tr><td><a href=\"#").append(escape(ScenarioSection.anchor(name))).append("\">").append(escape(name))
          .append("</a></td><td class=\"s-").append(escape(status)).append("\">").append(escape(status))
          .append(expectFailed(runs) ? " <b class=\"bad\">expect failed</b>" : "").append("</td><td>");
      if (runs.size() == 1 && runs.get(0).path("outcome").isObject()) {
        sb.append(OutcomeLine.html(runs.get(0).path("outcome")));
      } else if (runs.size() > 1) {
        sb.append(runs.size()).append(" runs, ").append(s.path("distribution").size()).append(" distinct outcome(s)");
      } else {
        sb.append(escape(s.path("reason").asText("")));
      }
      sb.append("</td><td>");
      Map<String, String> labels = labels(runs);
      if (!labels.isEmpty()) sb.append(escape(VerdictTable.brief(labels, era, conforming(runs, era), runs.size())));
      sb.append("</td></tr>");
    }
    return sb.append("</tbody></table>").toString();
  }

  /** How many runs the era design conforms on. */
  private static int conforming(JsonNode runs, String era) {
    int n = 0;
    for (JsonNode r : runs) if (r.path("verdicts").path(era).asText("").equals("conforms")) n++;
    return n;
  }

  private static boolean expectFailed(JsonNode runs) {
    for (JsonNode r : runs) if (!r.path("expectDifferences").isEmpty()) return true;
    return false;
  }

  /**
   * Each design's verdict over all runs of a scenario: error or diverges if it failed or diverged on
   * any run (some outcome it does not allow happened), else unknown, else not comparable, else
   * conforms.
   */
  private static Map<String, String> labels(JsonNode runs) {
    List<String> worstFirst = List.of("error", "diverges", "unknown", "not comparable", "conforms");
    Map<String, String> labels = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      run.path("verdicts").properties().forEach(e -> labels.merge(e.getKey(), e.getValue().asText(),
          (a, b) -> worstFirst.indexOf(a) <= worstFirst.indexOf(b) ? a : b));
    }
    return labels;
  }
}
