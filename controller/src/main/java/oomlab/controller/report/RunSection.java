package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import oomlab.agent.trace.TraceEvent;

/**
 * One repetition of a scenario in the report: its outcome line, what went wrong (expect, errors,
 * unreadable files), the verdict table, one chart per cgroup and one of the tasks, and the list of
 * the events that tell the story (notifications, kills, exits, handler actions) with their times.
 */
final class RunSection {
  private static final int MAX_EVENT_LINES = 80;

  private RunSection() {}

  static String html(ResultsDir.Run run, boolean first) {
    JsonNode s = run.summary();
    StringBuilder sb = new StringBuilder("<div class=\"run\">");
    JsonNode outcome = s.path("outcome");
    if (outcome.isObject()) sb.append("<p>").append(OutcomeLine.html(outcome)).append("</p>");
    sb.append("<p class=\"meta\">finish: ").append(escape(s.path("finish").asText("?"))).append("; files: <code>")
        .append(escape(run.dir().toString())).append("</code></p>");
    list(sb, "expect failed", s.path("expectDifferences"));
    list(sb, "errors", s.path("errors"));
    kernelHealth(sb, s.path("kernelHealth"));
    run.problems().forEach(p -> sb.append("<p class=\"bad\">").append(escape(p)).append("</p>"));
    run.verdicts().ifPresent(v -> sb.append(VerdictTable.html(v)));
    run.trace().ifPresent(trace -> charts(sb, new TraceIndex(trace), first));
    return sb.append("</div>").toString();
  }

  private static void list(StringBuilder sb, String title, JsonNode lines) {
    if (lines.isEmpty()) return;
    sb.append("<p class=\"bad\"><b>").append(escape(title)).append(":</b></p><ul class=\"bad\">");
    lines.forEach(l -> sb.append("<li>").append(escape(l.asText())).append("</li>"));
    sb.append("</ul>");
  }

  /** What the kernel reported about itself during the run: status, then each report's lines. */
  private static void kernelHealth(StringBuilder sb, JsonNode health) {
    if (!health.isObject()) return;
    sb.append("<p class=\"bad\"><b>kernel: ").append(escape(health.path("status").asText())).append("</b></p>");
    for (JsonNode p : health.path("problems")) {
      sb.append("<details open=\"open\"><summary>").append(escape(p.path("kind").asText())).append("</summary><pre>");
      p.path("lines").forEach(l -> sb.append(escape(l.asText())).append('\n'));
      sb.append("</pre></details>");
    }
  }

  private static void charts(StringBuilder sb, TraceIndex index, boolean first) {
    sb.append("<div class=\"charts\">");
    for (Chart chart : TraceCharts.of(index)) {
      sb.append("<figure><figcaption>").append(escape(chart.title())).append("</figcaption>")
          .append(SvgChart.render(chart)).append(legend(chart)).append("</figure>");
    }
    sb.append("</div>");
    List<TraceEvent> events = index.byTime();
    sb.append("<details").append(first ? " open=\"open\"" : "").append("><summary>events</summary><table class=\"events\">");
    int shown = 0;
    for (TraceEvent e : events) {
      Optional<String> line = EventText.line(e, index);
      if (line.isEmpty()) continue;
      if (++shown > MAX_EVENT_LINES) continue;
      sb.append("<tr class=\"e-").append(e.type()).append("\"><td class=\"n\">").append(Html.ms(e.t())).append("</td><td>")
          .append(escape(line.get())).append("</td></tr>");
    }
    if (shown > MAX_EVENT_LINES) {
      sb.append("<tr><td></td><td>... ").append(shown - MAX_EVENT_LINES).append(" more in trace.jsonl</td></tr>");
    }
    sb.append("</table></details>");
  }

  private static String legend(Chart chart) {
    StringBuilder sb = new StringBuilder("<div class=\"legend\">");
    for (Chart.Series s : chart.series()) {
      sb.append("<span><span class=\"sw").append(s.dashed() ? " dashed" : "").append("\" style=\"border-color:")
          .append(s.color()).append("\"></span>").append(escape(s.name())).append("</span>");
    }
    return sb.append("</div>").toString();
  }
}
