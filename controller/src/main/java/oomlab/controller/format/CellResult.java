package oomlab.controller.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code oomlab run} as the formats read it: the target and hierarchy, its exit code, and its
 * {@code summary.json} (absent when the run ended without one: a guest that panicked, a cell that
 * cannot exist). A plain run is one cell; a matrix is one per kernel and hierarchy.
 *
 * @param name the cell's name, {@code 6.1-v2} or {@code local-v1} (its directory in a matrix)
 * @param notRun why the cell was not run at all, or null
 * @param summary the run's summary.json, or null
 */
public record CellResult(String name, String target, String cgroup, int exitCode, String notRun, JsonNode summary) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The design a summary without {@code eraDesign} is held against: the one that follows the Debian 6.x kernels. */
  static final String DEFAULT_ERA_DESIGN = "mainline6";

  /** The cell name of a target and hierarchy: {@code vm:6.1} and v2 is {@code 6.1-v2}. */
  public static String nameOf(String target, String cgroup) {
    return (target.startsWith("vm:") ? target.substring(3) : target) + "-" + cgroup;
  }

  /** A run's results directory, with the exit code the run ended with. */
  public static CellResult read(Path dir, String target, String cgroup, int exitCode) throws IOException {
    Path file = dir.resolve("summary.json");
    JsonNode summary = Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
    String version = summary != null && summary.hasNonNull("cgroupVersion") ? summary.path("cgroupVersion").asText() : cgroup;
    String t = summary != null && summary.hasNonNull("target") ? summary.path("target").asText() : target;
    return new CellResult(nameOf(t, version == null ? "default" : version), t, version, exitCode, null, summary);
  }

  public static CellResult skipped(String target, String cgroup, String why) {
    return new CellResult(nameOf(target, cgroup), target, cgroup, -1, why, null);
  }

  /** The kernel release the run saw (uname -r), or empty when unknown. */
  public String kernel() {
    return summary == null ? "" : summary.path("kernel").asText("");
  }

  /** The design the run's verdict leads with: the target kernel's era design. */
  public String eraDesign() {
    return summary == null ? DEFAULT_ERA_DESIGN : summary.path("eraDesign").asText(DEFAULT_ERA_DESIGN);
  }

  /** Why the run has no results, or null when it has a summary or was not run on purpose. */
  public String failure() {
    if (notRun != null || summary != null) return null;
    String meaning = switch (exitCode) {
      case 3 -> " (environment: the guest or the agent could not start)";
      case 4 -> " (guest kernel panic)";
      case 5 -> " (timeout: no result in time)";
      default -> "";
    };
    return "ended with exit " + exitCode + meaning + " and no summary.json";
  }

  public List<ScenarioResult> scenarios() {
    List<ScenarioResult> out = new ArrayList<>();
    if (summary == null) return out;
    for (JsonNode s : summary.path("scenarios")) out.add(ScenarioResult.of(s, eraDesign()));
    return out;
  }

  /** The cell as a whole: the worst of its scenarios, ERROR without results, SKIP when not run. */
  public TestStatus status() {
    if (notRun != null) return TestStatus.SKIP;
    if (summary == null) return TestStatus.ERROR;
    TestStatus s = TestStatus.SKIP;
    for (ScenarioResult r : scenarios()) s = s.worse(r.status());
    return s;
  }
}
