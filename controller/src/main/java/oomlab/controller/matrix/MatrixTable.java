package oomlab.controller.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oomlab.agent.run.OutcomeText;
import oomlab.model.outcome.OutcomeJson;

/**
 * The matrix as text, read from each cell's {@code summary.json} (the file {@code oomlab run}
 * writes), in three parts:
 * <ol>
 *   <li>an overview, one row per scenario and one column per cell: whether the scenario's
 *       {@code expect:} held ({@code ok} / {@code FAIL}) and the verdict of the cell's era design
 *       (the design of the kernel's line, {@code eraDesign} of the summary: {@code C} conforms,
 *       {@code D} diverges, {@code ?} unknown, {@code N} not comparable, {@code E} error), with
 *       {@code --repeat} the runs it conforms on ({@code 4/5}), or why it did not run ({@code n/a}
 *       the cell could not run, {@code skip} the scenario is for the other hierarchy,
 *       {@code refused}, {@code error});</li>
 *   <li>per scenario, per cell: the outcome (killed, survived, blocked, notifications, counters),
 *       the failed expectations, and which designs allow the outcome;</li>
 *   <li>per cell: its kernel release, era design and exit code, or why it was not run (a kernel
 *       without the cgroup v1 memory controller); then per cell the era design's conformance
 *       (runs conforming / runs) and every run it did not conform on, with the differences.</li>
 * </ol>
 */
public final class MatrixTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The era design of a summary written before summaries named it. */
  static final String OLD_ERA_DESIGN = "mainline6";

  private MatrixTable() {}

  public static String render(List<MatrixCell> cells) throws IOException {
    Map<MatrixCell, Map<String, JsonNode>> entries = new LinkedHashMap<>();
    Map<MatrixCell, String> eras = new LinkedHashMap<>();
    List<String> conformance = new ArrayList<>();
    List<String> nonConforming = new ArrayList<>();
    Set<String> scenarios = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    for (MatrixCell cell : cells) {
      Map<String, JsonNode> column = new LinkedHashMap<>();
      entries.put(cell, column);
      if (cell.skipped() != null) {
        notes.add(cell.label() + ": not run: " + cell.skipped());
        continue;
      }
      var summaryFile = cell.out().resolve("summary.json");
      if (!Files.exists(summaryFile)) {
        notes.add(cell.label() + ": no summary (exit " + cell.exitCode() + "); see " + cell.out().resolve("run.log"));
        continue;
      }
      JsonNode summary = JSON.readTree(summaryFile.toFile());
      String era = summary.path("eraDesign").asText(OLD_ERA_DESIGN);
      eras.put(cell, era);
      notes.add(cell.label() + ": " + summary.path("kernel").asText() + ", era design " + era + ", exit " + cell.exitCode()
          + exitMeaning(cell.exitCode()));
      int runs = 0;
      int conforming = 0;
      for (JsonNode s : summary.path("scenarios")) {
        String name = s.path("scenario").asText();
        scenarios.add(name);
        column.put(name, s);
        JsonNode scenarioRuns = s.path("runs");
        for (int k = 0; k < scenarioRuns.size(); k++) {
          JsonNode run = scenarioRuns.get(k);
          runs++;
          if (run.path("verdicts").path(era).asText("").equals("conforms")) {
            conforming++;
          } else {
            nonConforming.add(cell.label() + " " + name + (scenarioRuns.size() > 1 ? " #" + (k + 1) : "") + ": "
                + whyNot(cell, run, era));
          }
        }
      }
      conformance.add(cell.label() + " (" + era + "): " + conforming + "/" + runs + " runs conform");
    }
    List<String> header = new ArrayList<>(List.of("scenario"));
    cells.forEach(c -> header.add(c.label()));
    List<List<String>> rows = new ArrayList<>();
    StringBuilder details = new StringBuilder();
    for (String name : scenarios) {
      List<String> row = new ArrayList<>(List.of(name));
      details.append('\n').append(name).append('\n');
      for (MatrixCell c : cells) {
        JsonNode s = entries.get(c).get(name);
        row.add(c.skipped() != null ? "n/a" : s == null ? "-" : overview(s, eras.get(c)));
        if (s != null) details.append("  ").append(c.label()).append(": ").append(detail(s)).append('\n');
      }
      rows.add(row);
    }
    return "expect: ok|FAIL, the cell's era design: C conforms, D diverges, ? unknown, N not comparable, E error"
        + " (with --repeat: runs conforming/runs)\n"
        + table(header, rows) + details + "\n" + String.join("\n", notes) + "\n"
        + (conformance.isEmpty() ? "" : "\nera design conformance:\n  " + String.join("\n  ", conformance) + "\n")
        + (nonConforming.isEmpty() ? "" : "runs the era design did not conform on:\n  " + String.join("\n  ", nonConforming) + "\n");
  }

  /**
   * Why the era design did not conform on a run: its verdict and differences (from the run's
   * verdicts.json), a verdict's message, or the run's errors when it has no outcome.
   */
  private static String whyNot(MatrixCell cell, JsonNode run, String era) {
    if (!run.path("outcome").isObject()) {
      List<String> errors = new ArrayList<>();
      run.path("errors").forEach(e -> errors.add(e.asText()));
      return "no outcome: " + (errors.isEmpty() ? run.path("finish").asText("?") : String.join("; ", errors));
    }
    String label = run.path("verdicts").path(era).asText("no verdict");
    var file = cell.out().resolve(run.path("dir").asText()).resolve("verdicts.json");
    try {
      if (Files.exists(file)) {
        for (var v : OutcomeJson.readVerdicts(file)) {
          if (!v.design().equals(era)) continue;
          List<String> diffs = new ArrayList<>();
          v.differences().forEach(d -> diffs.add(d.field() + " real " + d.real() + " / allowed " + d.allowed()));
          if (v.message() != null) diffs.add(v.message());
          return label + (diffs.isEmpty() ? "" : ": " + String.join("; ", diffs));
        }
      }
    } catch (IOException | RuntimeException e) {
      return label + " (verdicts.json unreadable: " + e.getMessage() + ")";
    }
    return label;
  }

  /**
   * "ok C": the expectation held and the era design conforms; with --repeat, FAIL when any run
   * failed, every verdict letter seen, and the runs the era design conforms on ("ok C/D 4/5").
   */
  static String overview(JsonNode scenario, String era) {
    String status = scenario.path("status").asText();
    JsonNode runs = scenario.path("runs");
    if (!status.equals("ran")) return status.equals("skipped") ? "skip" : status;
    if (runs.isEmpty()) return "-";
    boolean failed = false;
    boolean error = false;
    Set<String> main = new LinkedHashSet<>();
    int conforming = 0;
    for (JsonNode run : runs) {
      if (!run.path("outcome").isObject()) {
        error = true;
        continue;
      }
      failed |= !run.path("expectDifferences").isEmpty();
      String v = run.path("verdicts").path(era).asText("");
      if (v.equals("conforms")) conforming++;
      main.add(switch (v) {
        case "conforms" -> "C";
        case "diverges" -> "D";
        case "not comparable" -> "N";
        case "error" -> "E";
        case "" -> "";
        default -> "?";
      });
    }
    main.remove("");
    if (error && main.isEmpty()) return "error";
    return (failed ? "FAIL" : "ok") + (main.isEmpty() ? "" : " " + String.join("/", main))
        + (runs.size() > 1 ? " " + conforming + "/" + runs.size() : "") + (error ? " +error" : "");
  }

  /** The first run's outcome, failed expectations and the designs that allow it; with --repeat, a count. */
  static String detail(JsonNode scenario) throws IOException {
    String status = scenario.path("status").asText();
    JsonNode runs = scenario.path("runs");
    if (!status.equals("ran") || runs.isEmpty()) {
      return status + (scenario.hasNonNull("reason") ? ": " + scenario.path("reason").asText() : "");
    }
    JsonNode run = runs.get(0);
    StringBuilder sb = new StringBuilder();
    if (!run.path("outcome").isObject()) {
      List<String> errors = new ArrayList<>();
      run.path("errors").forEach(e -> errors.add(e.asText()));
      sb.append("ERROR ").append(String.join("; ", errors));
    } else {
      sb.append(OutcomeText.brief(OutcomeJson.outcomeFromJson(run.path("outcome").toString())));
      if (run.path("finish").asText().equals("timeout")) sb.append(" (timeout)");
      List<String> diffs = new ArrayList<>();
      run.path("expectDifferences").forEach(d -> diffs.add(d.asText()));
      sb.append(diffs.isEmpty() ? "; expect ok" : "; EXPECT FAILED: " + String.join("; ", diffs));
      Map<String, List<String>> byVerdict = new TreeMap<>();
      for (var v : run.path("verdicts").properties()) {
        byVerdict.computeIfAbsent(v.getValue().asText(), k -> new ArrayList<>()).add(v.getKey());
      }
      byVerdict.forEach((verdict, designs) -> sb.append("; ").append(verdict).append(": ").append(String.join(",", designs)));
    }
    if (runs.size() > 1) sb.append(" (run 1 of ").append(runs.size()).append(")");
    return sb.toString();
  }

  /** What {@code oomlab run}'s exit code says, for the cell notes. */
  static String exitMeaning(int code) {
    return switch (code) {
      case 0 -> "";
      case 1 -> " (an expect: failed)";
      case 3 -> " (a scenario was refused for this environment or failed to set up)";
      case 4 -> " (guest kernel panic)";
      case 5 -> " (timeout)";
      default -> "";
    };
  }

  static String table(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (int n = 0; n < all.size(); n++) {
      List<String> r = all.get(n);
      for (int i = 0; i < r.size(); i++) {
        s.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", r.get(i)));
      }
      s.append('\n');
      if (n == 0) {
        for (int i = 0; i < width.length; i++) {
          s.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        s.append('\n');
      }
    }
    return s.toString().replaceAll(" +\n", "\n");
  }
}
