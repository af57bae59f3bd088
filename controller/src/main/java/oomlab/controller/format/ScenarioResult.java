package oomlab.controller.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oomlab.agent.run.OutcomeText;
import oomlab.model.outcome.OutcomeJson;

/**
 * A scenario of a run as the formats read it from a {@code summary.json} entry: its status, and one
 * {@link Repetition} per run of it ({@code --repeat N}: N).
 *
 * @param suite the directory its file came from ({@code basic}); "oomlab" for summaries without one
 * @param reason why it was skipped or refused, or null
 */
public record ScenarioResult(String name, String suite, TestStatus status, String reason, List<Repetition> runs) {

  /**
   * One run of the scenario.
   *
   * @param index 1-based
   * @param reason why it failed or erred (the failed expectations, the errors), or null
   * @param entry its entry in summary.json ({@code outcome}, {@code verdicts}, {@code phasesMs}, ...)
   * @param eraDesign the design whose verdict leads
   */
  public record Repetition(int index, TestStatus status, String reason, JsonNode entry, String eraDesign) {
    /** The outcome in the words {@code oomlab run} prints, or empty when the run has none. */
    public String outcomeText() {
      if (!entry.path("outcome").isObject()) return "";
      try {
        return OutcomeText.brief(OutcomeJson.outcomeFromJson(entry.path("outcome").toString()));
      } catch (IOException | RuntimeException e) {
        return "outcome unreadable: " + e.getMessage();
      }
    }

    /** The era design's verdict ({@code conforms}, {@code diverges}, ...), or empty. */
    public String eraVerdict() {
      return entry.path("verdicts").path(eraDesign).asText("");
    }

    /** Every design's verdict, by design, in summary order. */
    public Map<String, String> verdicts() {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      entry.path("verdicts").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    }

    /** The designs per verdict ({@code conforms: a,b; diverges: c}), sorted by verdict. */
    public String verdictText() {
      Map<String, List<String>> by = new TreeMap<>();
      verdicts().forEach((design, verdict) -> by.computeIfAbsent(verdict, k -> new ArrayList<>()).add(design));
      List<String> parts = new ArrayList<>();
      by.forEach((verdict, designs) -> parts.add(verdict + ": " + String.join(",", designs)));
      return String.join("; ", parts);
    }

    /** The run's time in seconds: the sum of its phases. */
    public double seconds() {
      double ms = 0;
      for (JsonNode v : entry.path("phasesMs")) ms += v.asDouble();
      return ms / 1000;
    }
  }

  static ScenarioResult of(JsonNode s, String eraDesign) {
    String name = s.path("scenario").asText();
    String suite = s.path("suite").asText("oomlab");
    String status = s.path("status").asText();
    if (!status.equals("ran")) {
      String reason = (status.equals("refused") ? "refused: " : "") + s.path("reason").asText(status);
      return new ScenarioResult(name, suite, TestStatus.SKIP, reason, List.of());
    }
    List<Repetition> runs = new ArrayList<>();
    TestStatus worst = TestStatus.SKIP;
    int k = 0;
    for (JsonNode run : s.path("runs")) {
      Repetition r = repetition(++k, run, eraDesign);
      runs.add(r);
      worst = worst.worse(r.status());
    }
    if (runs.isEmpty()) return new ScenarioResult(name, suite, TestStatus.ERROR, "no run recorded", runs);
    return new ScenarioResult(name, suite, worst, null, runs);
  }

  private static Repetition repetition(int k, JsonNode run, String eraDesign) {
    if (!run.path("outcome").isObject()) {
      List<String> errors = new ArrayList<>();
      run.path("errors").forEach(e -> errors.add(e.asText()));
      return new Repetition(k, TestStatus.ERROR, errors.isEmpty() ? "no outcome" : String.join("; ", errors), run, eraDesign);
    }
    // A failed expectation outranks a timeout, as in oomlab run's exit code.
    List<String> diffs = new ArrayList<>();
    run.path("expectDifferences").forEach(d -> diffs.add(d.asText()));
    if (!diffs.isEmpty()) return new Repetition(k, TestStatus.FAIL, "expect failed: " + String.join("; ", diffs), run, eraDesign);
    if (run.path("finish").asText().equals("timeout")) {
      return new Repetition(k, TestStatus.ERROR, "timeout: tasks still made progress at the scenario's timeout", run, eraDesign);
    }
    return new Repetition(k, TestStatus.PASS, null, run, eraDesign);
  }
}
