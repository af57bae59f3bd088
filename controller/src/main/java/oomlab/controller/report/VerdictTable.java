package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import oomlab.model.outcome.Verdict;

/**
 * One run's verdicts as a table: design, conforms / diverges / unknown, how many outcomes it
 * allows, states explored, the fields where the real outcome differs from the nearest allowed
 * one, and the model's steps to that outcome (folded: long, and only needed to argue a case).
 */
final class VerdictTable {
  private VerdictTable() {}

  static String html(List<Verdict> verdicts) {
    StringBuilder sb = new StringBuilder("<table class=\"verdicts\"><thead><tr><th>design</th><th>verdict</th>"
        + "<th>allowed outcomes</th><th>states</th><th>differences (real / nearest allowed)</th></tr></thead><tbody>");
    for (Verdict v : verdicts) {
      String label = v.verdict().label();
      sb.append("<tr><td>").append(escape(v.design())).append("</td><td class=\"v-").append(label).append("\">")
          .append(label).append("</td><td class=\"n\">").append(v.allowedOutcomes()).append("</td><td class=\"n\">")
          .append(v.statesExplored()).append("</td><td>");
      for (Verdict.Difference d : v.differences()) {
        sb.append("<div><code>").append(escape(d.field())).append("</code>: ").append(escape(d.real())).append(" / ")
            .append(escape(d.allowed())).append("</div>");
      }
      if (!v.witness().isEmpty()) {
        sb.append("<details><summary>model steps (").append(v.witness().size()).append(")</summary><ol class=\"witness\">");
        v.witness().forEach(step -> sb.append("<li>").append(escape(step)).append("</li>"));
        sb.append("</ol></details>");
      }
      sb.append("</td></tr>");
    }
    return sb.append("</tbody></table>").toString();
  }

  /** {@code 6 conform} or {@code 4 conform, 2 diverge (oomlock3x, hocko2018)}, from design to label: for the index. */
  static String brief(Map<String, String> labels) {
    Map<String, List<String>> byLabel = labels.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
        LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    StringBuilder sb = new StringBuilder().append(byLabel.getOrDefault("conforms", List.of()).size()).append(" conform");
    for (String label : List.of("diverges", "unknown")) {
      List<String> designs = byLabel.getOrDefault(label, List.of());
      if (!designs.isEmpty()) {
        sb.append(", ").append(designs.size()).append(label.equals("diverges") ? " diverge (" : " unknown (")
            .append(String.join(", ", designs)).append(')');
      }
    }
    return sb.toString();
  }
}
