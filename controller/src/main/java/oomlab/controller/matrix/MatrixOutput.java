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

  /** @return the text printed */
  public static String write(Path dir, String runId, String shard, List<MatrixCell> cells, int exitCode, List<ResultFormat> formats,
      HostFacts host) throws IOException {
    String table = MatrixTable.render(cells);
    Files.writeString(dir.resolve("matrix.txt"), table);
    MatrixSummary summary = new MatrixSummary("oomlab matrix", runId, shard, exitCode, host == null ? null : host.asMap(),
        MatrixSummary.cells(cells, dir));
    String json = summary.text();
    Files.writeString(dir.resolve(MatrixSummary.FILE), json);
    List<CellResult> results = new ArrayList<>();
    for (MatrixCell c : cells) {
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
