package oomlab.controller.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oomlab.agent.trace.TraceEvent;
import oomlab.agent.trace.TraceReader;
import oomlab.model.outcome.OutcomeJson;
import oomlab.model.outcome.Verdict;

/**
 * A results directory of {@code oomlab run} as the report reads it: {@code summary.json} for the
 * run and its scenarios, and per repetition its {@code trace.jsonl} and {@code verdicts.json}.
 * The summary is read as a JSON tree, not as the runner's records, so a report still renders a
 * directory written by an older or newer runner; a repetition whose files are missing or broken
 * gets a note in the report instead of failing the whole page.
 */
final class ResultsDir {
  static final String SUMMARY = "summary.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One repetition: its directory, its row in the summary, and what could be read of its files. */
  record Run(Path dir, JsonNode summary, Optional<List<TraceEvent>> trace, Optional<List<Verdict>> verdicts,
             List<String> problems) {}

  private final Path dir;
  private final JsonNode summary;

  private ResultsDir(Path dir, JsonNode summary) {
    this.dir = dir;
    this.summary = summary;
  }

  static ResultsDir open(Path dir) throws ReportInputException {
    if (!Files.isDirectory(dir)) throw new ReportInputException(dir + ": not a directory");
    Path file = dir.resolve(SUMMARY);
    if (!Files.isRegularFile(file)) {
      throw new ReportInputException(dir + ": not an oomlab results directory (no " + SUMMARY + ")");
    }
    try {
      JsonNode tree = JSON.readTree(file.toFile());
      if (tree == null || !tree.path("scenarios").isArray()) {
        throw new ReportInputException(file + ": no \"scenarios\" list (not written by oomlab run?)");
      }
      return new ResultsDir(dir, tree);
    } catch (IOException e) {
      throw new ReportInputException(file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  Path dir() {
    return dir;
  }

  JsonNode summary() {
    return summary;
  }

  List<JsonNode> scenarios() {
    List<JsonNode> list = new ArrayList<>();
    summary.path("scenarios").forEach(list::add);
    return list;
  }

  /** The repetitions of a scenario entry, each with its files read. */
  List<Run> runs(JsonNode scenario) {
    List<Run> runs = new ArrayList<>();
    for (JsonNode run : scenario.path("runs")) {
      Path runDir = dir.resolve(run.path("dir").asText(""));
      List<String> problems = new ArrayList<>();
      Optional<List<TraceEvent>> trace = read(runDir.resolve("trace.jsonl"), problems, TraceReader::read);
      Optional<List<Verdict>> verdicts = run.path("outcome").isObject()
          ? read(runDir.resolve("verdicts.json"), problems, OutcomeJson::readVerdicts) : Optional.empty();
      runs.add(new Run(runDir, run, trace, verdicts, problems));
    }
    return runs;
  }

  private interface Reader<T> {
    T read(Path file) throws IOException;
  }

  private <T> Optional<T> read(Path file, List<String> problems, Reader<T> reader) {
    if (!Files.isRegularFile(file)) {
      problems.add(dir.relativize(file) + " is missing");
      return Optional.empty();
    }
    try {
      return Optional.of(reader.read(file));
    } catch (IOException | RuntimeException e) {
      problems.add(dir.relativize(file) + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return Optional.empty();
    }
  }
}
