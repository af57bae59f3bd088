package oomlab.controller.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oomlab.bindings.HostFacts;

/**
 * Writes the formats a command was asked for into its results directory, one file each, and gives
 * the first one's text for standard output. Text and JSON are the command's own (its printed lines,
 * its summary.json); KTAP, JUnit and KCIDB are rendered from the cells.
 *
 * @param textFile the name of the text's file ({@code run.txt}, {@code matrix.txt})
 * @param runId names the run in KCIDB ids and the JUnit suite
 */
public record FormatFiles(Path dir, String textFile, String runId, List<CellResult> cells, HostFacts host) {

  /** Writes every format but text and JSON (the command writes those itself) and returns each format's text. */
  public Map<ResultFormat, String> write(List<ResultFormat> formats, String text, String json) throws IOException {
    Map<ResultFormat, String> out = new LinkedHashMap<>();
    for (ResultFormat f : formats) {
      String content = switch (f) {
        case TEXT -> text;
        case JSON -> json;
        case KTAP -> Ktap.render(cells);
        case JUNIT -> Junit.render("oomlab." + runId, cells, properties());
        case KCIDB -> Kcidb.render(runId, cells, host);
      };
      out.put(f, content);
      Files.writeString(dir.resolve(f.file(textFile)), content);
    }
    return out;
  }

  private Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("oomlab.run", runId);
    for (CellResult c : cells) {
      p.put("oomlab.cell." + c.name(), c.notRun() != null ? "not run: " + c.notRun()
          : "kernel " + c.kernel() + ", cgroup " + c.cgroup() + ", exit " + c.exitCode());
    }
    if (host != null) host.asMap().forEach((k, v) -> p.put("host." + k, String.valueOf(v)));
    return p;
  }
}
