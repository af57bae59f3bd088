package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --repeat N} table of a scenario, as jcstress prints its results: each distinct
 * outcome, how many runs ended in it, its share (with a bar), and which designs allow it and which
 * forbid it (a design that was not comparable or failed does neither). An outcome no design
 * allows is the interesting one: its row is marked.
 */
final class DistributionTable {
  private DistributionTable() {}

  static String html(JsonNode rows, List<String> designs) {
    StringBuilder sb = new StringBuilder("<table class=\"dist\"><thead><tr><th>outcome</th><th>count</th><th>share</th>"
        + "<th>allowed by</th><th>forbidden by</th></tr></thead><tbody>");
    for (JsonNode row : rows) {
      List<String> allowed = new ArrayList<>();
      row.path("allowedBy").forEach(d -> allowed.add(d.asText()));
      List<String> notJudged = new ArrayList<>();
      row.path("notJudgedBy").forEach(d -> notJudged.add(d.asText()));
      List<String> forbidden = designs.stream().filter(d -> !allowed.contains(d) && !notJudged.contains(d)).toList();
      double share = row.path("share").asDouble();
      sb.append("<tr").append(allowed.isEmpty() ? " class=\"nodesign\"" : "").append("><td>")
          .append(OutcomeLine.html(row.path("outcome"))).append("</td><td class=\"n\">").append(row.path("count").asInt())
          .append("</td><td class=\"n\"><span class=\"bar\" style=\"width:").append(Math.round(share * 60)).append("px\"></span> ")
          .append(String.format(Locale.ROOT, "%.1f%%", 100 * share)).append("</td><td>")
          .append(allowed.isEmpty() ? "<b>no design</b>" : escape(String.join(", ", allowed))).append("</td><td>")
          .append(forbidden.isEmpty() ? "none" : escape(String.join(", ", forbidden))).append("</td></tr>");
    }
    return sb.append("</tbody></table>").toString();
  }
}
