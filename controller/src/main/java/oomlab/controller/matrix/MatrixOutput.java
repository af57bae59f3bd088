package oomlab.controller.matrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oomlab.bindings.HostFacts;
import oomlab.controller.format.CellResult;
import oomlab.controller.format.FormatFiles;
import oomlab.controller.format.ResultFormat;

/**
 * What a finished matrix writes, from its cells' results directories: {@code matrix.txt}, the
 * matrix's {@code summary.json}, and each format asked for; the first format goes to standard
 * output. A matrix run and the merge of its shards both end here, so they write the same files.
 */
public final class MatrixOutput {
  private MatrixOutput() {}

  /**
   * @param summary the matrix's summary.json; a shard's lists every cell, and the files show the
   *     cells it ran (and those that cannot run)
   * @return the text printed
   */
  public static String write(Path dir, MatrixSummary summary, List<MatrixCell> cells, List<ResultFormat> formats, HostFacts host)
      throws IOException {
    List<MatrixCell> shown = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Integer items = summary.cells().get(i).shardItems();
      if (cells.get(i).skipped() != null || items == null || items > 0) shown.add(cells.get(i));
    }
    String table = MatrixTable.render(shown);
    Files.writeString(dir.resolve("matrix.txt"), table);
    String json = summary.text();
    Files.writeString(dir.resolve(MatrixSummary.FILE), json);
    String runId = summary.runId();
    List<CellResult> results = new ArrayList<>();
    for (MatrixCell c : shown) {
      results.add(c.skipped() != null ? CellResult.skipped(c.target(), c.cgroup(), c.skipped())
          : CellResult.read(c.out(), c.target(), c.cgroup(), c.exitCode()));
    }
    Map<ResultFormat, String> written = new FormatFiles(dir, "matrix.txt", runId, results, host).write(formats, table, json);
    return written.get(formats.getFirst());
  }

  public static void print(PrintWriter stdout, String text, ResultFormat first, Path dir) {
    stdout.print(text);
    if (first == ResultFormat.TEXT) stdout.println("results: " + dir);
    stdout.flush();
  }
}
