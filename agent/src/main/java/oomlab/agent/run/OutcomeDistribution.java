package oomlab.agent.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oomlab.model.outcome.VerdictKind;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;

/**
 * The outcomes of a scenario's repetitions, counted like jcstress's result table: each distinct
 * outcome, how often it happened, its share, and which designs allow it (their verdict on it was
 * {@code conforms}). Outcomes are told apart as the model compares them (docs/model.md):
 * exactly on tasks, counters and flags, but notification and {@code oom} counts only as zero or
 * not, since a task retrying its charge while a victim exits signals the eventfd once per retry
 * (1 to 143 times in ten runs of one scenario here) and those runs are one outcome.
 */
public final class OutcomeDistribution {
  /**
   * One row: an outcome, its count and share, the designs allowing it, those that could not tell
   * (bound hit), and those that did not judge it ({@code not comparable}, {@code error}).
   */
  public record Row(Map<String, Object> outcome, int count, double share, List<String> allowedBy, List<String> unknownFor,
                    List<String> notJudgedBy) {}

  private final Map<Map<String, Object>, Integer> counts = new LinkedHashMap<>();
  private final Map<Map<String, Object>, List<Verdict>> verdicts = new LinkedHashMap<>();
  private int total;

  public void add(Outcome outcome, List<Verdict> outcomeVerdicts) {
    Map<String, Object> key = key(outcome);
    counts.merge(key, 1, Integer::sum);
    verdicts.putIfAbsent(key, outcomeVerdicts);
    total++;
  }

  static Map<String, Object> key(Outcome outcome) {
    Map<String, Object> key = new LinkedHashMap<>(outcome.comparedFields());
    Map<String, String> notified = new java.util.TreeMap<>();
    outcome.notifications().forEach((cg, n) -> notified.put(cg, n > 0 ? ">=1" : "0"));
    key.put("notifications", notified);
    Map<String, String> events = new java.util.TreeMap<>();
    outcome.events().forEach((cg, c) -> events.put(cg, "oom" + (c.oom() > 0 ? ">=1" : "=0") + ",oom_kill=" + c.oomKill()
        + (c.oomGroupKill() > 0 ? ",oom_group_kill=" + c.oomGroupKill() : "")));
    key.put("events", events);
    return key;
  }

  public int total() {
    return total;
  }

  /** Rows, most frequent first (ties in order of first appearance). */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    counts.forEach((outcome, n) -> {
      List<Verdict> vs = verdicts.get(outcome);
      rows.add(new Row(outcome, n, total == 0 ? 0 : (double) n / total,
          vs.stream().filter(v -> v.verdict() == VerdictKind.CONFORMS).map(Verdict::design).toList(),
          vs.stream().filter(v -> v.verdict() == VerdictKind.UNKNOWN).map(Verdict::design).toList(),
          vs.stream().filter(v -> v.verdict() == VerdictKind.NOT_COMPARABLE || v.verdict() == VerdictKind.ERROR)
              .map(Verdict::design).toList()));
    });
    rows.sort((a, b) -> Integer.compare(b.count(), a.count()));
    return rows;
  }

  /** The table, one line a row: {@code   4  80.0%  killed=[big] survived=[small] ...  allowed by: a, b}. */
  public List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("  %5s %7s  %s", "count", "share", "outcome / allowed by"));
    for (Row r : rows()) {
      lines.add(String.format("  %5d %6.1f%%  %s", r.count(), 100 * r.share(), OutcomeText.brief(r.outcome())));
      lines.add("                 allowed by: " + (r.allowedBy().isEmpty() ? "no design" : String.join(", ", r.allowedBy()))
          + (r.unknownFor().isEmpty() ? "" : "; unknown for: " + String.join(", ", r.unknownFor()))
          + (r.notJudgedBy().isEmpty() ? "" : "; not judged by: " + String.join(", ", r.notJudgedBy())));
    }
    return lines;
  }
}
