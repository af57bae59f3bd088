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

/**
 * The matrix as text: one row per scenario, one column per cell. An entry names the killed tasks
 * (or the run's status) and how many designs allow the outcome, e.g. {@code killed hog | 2/6};
 * below the table, per cell, its kernel release and exit code, or why it was skipped. Read from each
 * cell's {@code summary.json}, the same file {@code oomlab run} writes.
 */
public final class MatrixTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MatrixTable() {}

  public static String render(List<MatrixCell> cells) throws IOException {
    Map<MatrixCell, Map<String, String>> entries = new LinkedHashMap<>();
    Set<String> scenarios = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    for (MatrixCell cell : cells) {
      Map<String, String> column = new LinkedHashMap<>();
      entries.put(cell, column);
      if (cell.skipped() != null) {
        notes.add(cell.label() + ": skipped, " + cell.skipped());
        continue;
      }
      var summaryFile = cell.out().resolve("summary.json");
      if (!Files.exists(summaryFile)) {
        notes.add(cell.label() + ": no summary (exit " + cell.exitCode() + "); see " + cell.out());
        continue;
      }
      JsonNode summary = JSON.readTree(summaryFile.toFile());
      notes.add(cell.label() + ": " + summary.path("kernel").asText() + ", exit " + cell.exitCode());
      for (JsonNode s : summary.path("scenarios")) {
        String name = s.path("scenario").asText();
        scenarios.add(name);
        column.put(name, entry(s));
      }
    }
    List<String> header = new ArrayList<>(List.of("scenario"));
    cells.forEach(c -> header.add(c.label()));
    List<List<String>> rows = new ArrayList<>();
    for (String name : scenarios) {
      List<String> row = new ArrayList<>(List.of(name));
      for (MatrixCell c : cells) {
        row.add(c.skipped() != null ? "n/a" : entries.get(c).getOrDefault(name, "-"));
      }
      rows.add(row);
    }
    return table(header, rows) + "\n" + String.join("\n", notes) + "\n";
  }

  /** "hog | 2/6" for one run; with --repeat, the most frequent outcome and its share. */
  static String entry(JsonNode scenario) {
    String status = scenario.path("status").asText();
    JsonNode runs = scenario.path("runs");
    if (!status.equals("ran") || runs.isEmpty()) {
      return status;
    }
    JsonNode run = runs.get(0);
    List<String> killed = new ArrayList<>();
    run.path("outcome").path("killed").forEach(k -> killed.add(k.asText()));
    int conforming = 0;
    int designs = 0;
    for (var v : run.path("verdicts").properties()) {
      designs++;
      conforming += v.getValue().asText().equals("conforms") ? 1 : 0;
    }
    String fate = killed.isEmpty() ? "no kill" : "killed " + String.join(",", killed);
    String repeats = runs.size() > 1 ? " (1 of " + runs.size() + ")" : "";
    return fate + " | " + conforming + "/" + designs + repeats;
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
