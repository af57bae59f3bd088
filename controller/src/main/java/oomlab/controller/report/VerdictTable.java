package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import oomlab.model.outcome.Verdict;

/**
 * One run's verdicts as a table, the era design's first (verdicts.json lists it first): design,
 * conforms / diverges / unknown / not comparable / error, how many outcomes it allows, states
 * explored, the fields compared, the fields where the real outcome differs from the nearest
 * allowed one, and the model's steps to that outcome (folded: long, and only needed to argue a
 * case); a message for not comparable and error.
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
      if (v.message() != null) sb.append("<div>").append(escape(v.message())).append("</div>");
      if (!v.compared().isEmpty()) {
        sb.append("<div class=\"meta\">compared: ").append(escape(String.join(", ", v.compared()))).append("</div>");
      }
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

  /**
   * For the index: {@code mainline-6.12 conforms (5 of 5 runs); older designs: 4 conform, 2 diverge
   * (oomlock3x, hocko2018)}, from design to its worst label over the runs; without an era design
   * (results of older versions) {@code 6 conform}.
   */
  static String brief(Map<String, String> labels, String era, int eraConforming, int runs) {
    Map<String, String> others = new LinkedHashMap<>(labels);
    String lead = "";
    if (era != null && others.containsKey(era)) {
      String label = others.remove(era);
      lead = era + " " + label + (runs > 1 ? " (" + eraConforming + " of " + runs + " runs)" : "")
          + (others.isEmpty() ? "" : "; older designs: ");
    }
    return lead + (others.isEmpty() ? "" : brief(others) + (runs > 1 ? " over all runs" : ""));
  }

  /** {@code 6 conform} or {@code 4 conform, 2 diverge (oomlock3x, hocko2018)}, from design to label. */
  static String brief(Map<String, String> labels) {
    Map<String, List<String>> byLabel = labels.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
        LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    StringBuilder sb = new StringBuilder().append(byLabel.getOrDefault("conforms", List.of()).size()).append(" conform");
    for (String label : List.of("diverges", "unknown", "not comparable", "error")) {
      List<String> designs = byLabel.getOrDefault(label, List.of());
      if (!designs.isEmpty()) {
        sb.append(", ").append(designs.size()).append(label.equals("diverges") ? " diverge" : " " + label)
            .append(" (").append(String.join(", ", designs)).append(')');
      }
    }
    return sb.toString();
  }
}
