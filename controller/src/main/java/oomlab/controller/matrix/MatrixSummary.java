package oomlab.controller.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A matrix's {@code summary.json}: its name, exit code, the host, and per cell its kernel line,
 * hierarchy, directory (relative to the matrix's), exit code, or why it was not run. Each cell's
 * own results are in its directory's {@code summary.json}, as {@code oomlab run} writes it.
 *
 * @param shard {@code K/N} for the results of one shard, null for a whole matrix
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixSummary(String matrix, String runId, String shard, int exitCode, Map<String, Object> host, List<Cell> cells) {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  public static final String FILE = "summary.json";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cell(String kernel, String cgroup, String dir, int exitCode, String notRun) {}

  public static List<Cell> cells(List<MatrixCell> cells, Path matrixDir) {
    return cells.stream().map(c -> new Cell(c.kernel(), c.cgroup(), matrixDir.relativize(c.out()).toString(), c.exitCode(),
        c.skipped())).toList();
  }

  public String text() throws IOException {
    return JSON.writeValueAsString(this) + "\n";
  }

  public static MatrixSummary read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), MatrixSummary.class);
  }
}
