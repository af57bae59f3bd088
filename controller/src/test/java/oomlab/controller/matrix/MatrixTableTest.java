package oomlab.controller.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a summary.json written by oomlab run in a 6.1 guest with cgroup v2. */
class MatrixTableTest {
  @Test
  void oneRowPerScenarioOneColumnPerCellWithSkippedCellsExplained(@TempDir Path dir) throws Exception {
    Path cellDir = Files.createDirectories(dir.resolve("6.1-v2"));
    try (InputStream in = getClass().getResourceAsStream("/matrix/summary-6.1-v2.json")) {
      Files.copy(in, cellDir.resolve("summary.json"));
    }
    List<MatrixCell> cells = List.of(
        new MatrixCell("6.1", "v2", cellDir, 0, null),
        new MatrixCell("7.2", "v1", dir.resolve("7.2-v1"), -1, "no cgroup v1 memory controller"));

    String table = MatrixTable.render(cells);

    List<String> lines = table.lines().toList();
    assertThat(lines.get(1)).startsWith("scenario").contains("6.1 v2", "7.2 v1");
    assertThat(lines.get(3)).startsWith("hog-over-limit").contains("ok C").endsWith("n/a");
    assertThat(table).contains("  6.1 v2: killed [hog] survived [] blocked [] notifications A=1 counters A:oom=1,oom_kill=1; expect ok;"
        + " conforms: hocko2018,mainline6; diverges: kamezawa2010,kamezawa2010-fixed,oomlock3x,davydov2015");
    assertThat(table).contains("6.1 v2: 6.1.0-50-amd64, era design mainline6, exit 0",
        "7.2 v1: not run: no cgroup v1 memory controller");
  }

  @Test
  void aCellWithoutSummarySaysWhereToLook(@TempDir Path dir) throws Exception {
    String table = MatrixTable.render(List.of(new MatrixCell("6.1", "v1", dir, 4, null)));
    assertThat(table).contains("6.1 v1: no summary (exit 4)");
  }

  @Test
  void aFailedExpectationIsFailInTheOverviewAndNamedInTheDetail(@TempDir Path dir) throws Exception {
    Path cellDir = Files.createDirectories(dir.resolve("5.10-v2"));
    String summary = new String(getClass().getResourceAsStream("/matrix/summary-6.1-v2.json").readAllBytes())
        .replace("\"expectDifferences\" : [ ]", "\"expectDifferences\" : [ \"hog: expected killed, survived\" ]")
        .replace("\"mainline6\" : \"conforms\"", "\"mainline6\" : \"diverges\"");
    Files.writeString(cellDir.resolve("summary.json"), summary);
    String table = MatrixTable.render(List.of(new MatrixCell("5.10", "v2", cellDir, 1, null)));
    assertThat(table.lines().toList().get(3)).isEqualTo("hog-over-limit  FAIL D");
    assertThat(table).contains("5.10 v2: 6.1.0-50-amd64, era design mainline6, exit 1 (an expect: failed)");
    assertThat(table).contains("5.10 v2 (mainline6): 0/1 runs conform", "5.10 v2 hog-over-limit: diverges");
    assertThat(table).contains("EXPECT FAILED: hog: expected killed, survived; conforms: hocko2018; diverges: kamezawa2010,kamezawa2010-fixed,oomlock3x,davydov2015,mainline6");
  }
}
