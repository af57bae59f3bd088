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
    assertThat(lines.get(0)).startsWith("scenario").contains("6.1 v2", "7.2 v1");
    assertThat(lines.get(2)).startsWith("hog-over-limit").contains("killed hog | 2/6").endsWith("n/a");
    assertThat(table).contains("6.1 v2: 6.1.0-50-amd64, exit 0", "7.2 v1: skipped, no cgroup v1 memory controller");
  }

  @Test
  void aCellWithoutSummarySaysWhereToLook(@TempDir Path dir) throws Exception {
    String table = MatrixTable.render(List.of(new MatrixCell("6.1", "v1", dir, 4, null)));
    assertThat(table).contains("6.1 v1: no summary (exit 4)");
  }
}
