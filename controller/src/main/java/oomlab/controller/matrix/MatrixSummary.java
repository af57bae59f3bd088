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
 * @param plan names the matrix's work (cells, scenarios, repetitions, shard count): the shards of one
 *     matrix have the same, and only such shards merge
 * @param shard {@code K/N} for the results of one shard, null for a whole matrix
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixSummary(String matrix, String runId, String plan, String shard, int repeat, int exitCode,
                            Map<String, Object> host, List<Cell> cells) {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  public static final String FILE = "summary.json";

  /** @param shardItems in a shard's summary, how many work items of the cell it ran (0: another shard's cell) */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cell(String kernel, String cgroup, String dir, int exitCode, String notRun, Integer shardItems) {}

  /** The plan's name: a digest of what decides the work items, so that shards of other matrices do not merge. */
  public static String plan(List<MatrixCell> cells, List<String> scenarios, int repeat, int shards) {
    StringBuilder s = new StringBuilder();
    cells.forEach(c -> s.append(c.kernel()).append(' ').append(c.cgroup()).append(' ').append(c.skipped()).append('\n'));
    scenarios.forEach(n -> s.append(n).append('\n'));
    s.append(repeat).append(' ').append(shards);
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  public String text() throws IOException {
    return JSON.writeValueAsString(this) + "\n";
  }

  public static MatrixSummary read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), MatrixSummary.class);
  }
}
