package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One scenario in the report: refused or skipped with the reason, or its run; with {@code --repeat
 * N} the distribution table first and then each repetition folded (the first one open), so twenty
 * repetitions do not make twenty screens of charts.
 */
final class ScenarioSection {
  private ScenarioSection() {}

  static String anchor(String scenario) {
    return "s-" + scenario.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  static String html(ResultsDir results, JsonNode scenario, List<String> designs) {
    String name = scenario.path("scenario").asText();
    String status = scenario.path("status").asText();
    StringBuilder sb = new StringBuilder("<section id=\"").append(escape(anchor(name))).append("\"><h2>").append(escape(name))
        .append(" <span class=\"s-").append(escape(status)).append("\">").append(escape(status)).append("</span></h2>");
    if (scenario.hasNonNull("reason")) sb.append("<p>").append(escape(scenario.path("reason").asText())).append("</p>");
    List<ResultsDir.Run> runs = results.runs(scenario);
    if (runs.size() == 1) {
      sb.append(RunSection.html(runs.getFirst(), true));
    } else if (runs.size() > 1) {
      sb.append("<h3>").append(runs.size()).append(" runs</h3>");
      if (scenario.path("distribution").isArray()) sb.append(DistributionTable.html(scenario.path("distribution"), designs));
      for (int k = 0; k < runs.size(); k++) {
        ResultsDir.Run run = runs.get(k);
        sb.append("<details class=\"rep\"").append(k == 0 ? " open=\"open\"" : "").append("><summary>run ").append(k + 1)
            .append(": ").append(escape(run.summary().path("finish").asText("?"))).append("</summary>")
            .append(RunSection.html(run, k == 0)).append("</details>");
      }
    }
    return sb.append("</section>").toString();
  }
}
