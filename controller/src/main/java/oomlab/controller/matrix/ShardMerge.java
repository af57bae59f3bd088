package oomlab.controller.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import oomlab.agent.run.OutcomeDistribution;
import oomlab.agent.run.RunExit;
import oomlab.agent.run.RunSummary;
import oomlab.model.outcome.OutcomeJson;

/**
 * {@code oomlab merge}: joins the results directories of a matrix's shards ({@code matrix --shard
 * K/N}, all N of one plan) into the directory an unsharded run writes. Per cell it copies every
 * run's files, joins the shards' scenario entries in shard order (contiguous slices: that is matrix
 * order), recomputes what depends on all runs ({@code --repeat}'s distribution, the run's exit
 * code by {@link RunExit}'s rule) and rewrites the cell's report; the matrix's files are then
 * written as a matrix run writes them ({@link MatrixOutput}). Each shard's other files of a cell
 * (console.log, run.log) are kept with the shard's number ({@code console.shard-2.log}).
 */
public final class ShardMerge {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** A merge that cannot be made: the shards given are not one matrix's complete set. */
  public static final class MergeException extends Exception {
    public MergeException(String message) {
      super(message);
    }
  }

  /** The merged matrix: its cells (directories under {@code out}) and summary, for {@link MatrixOutput}. */
  public record Merged(List<MatrixCell> cells, MatrixSummary summary) {}

  private ShardMerge() {}

  public static Merged merge(List<Path> shardDirs, Path out) throws IOException, MergeException {
    List<MatrixSummary> shards = new ArrayList<>();
    for (Path d : shardDirs) {
      Path file = d.resolve(MatrixSummary.FILE);
      if (!Files.isRegularFile(file)) throw new MergeException(d + ": not a matrix results directory (no summary.json)");
      try {
        shards.add(MatrixSummary.read(file));
      } catch (IOException e) {
        throw new MergeException(file + ": not a matrix summary: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    check(shardDirs, shards);
    // Shard order is matrix order.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) order.add(i);
    order.sort((a, b) -> Integer.compare(index(shards.get(a)), index(shards.get(b))));

    Files.createDirectories(out);
    MatrixSummary first = shards.get(order.getFirst());
    List<MatrixCell> cells = new ArrayList<>();
    List<MatrixSummary.Cell> summaryCells = new ArrayList<>();
    for (int c = 0; c < first.cells().size(); c++) {
      MatrixSummary.Cell plan = first.cells().get(c);
      Path cellOut = out.resolve(plan.dir());
      if (plan.notRun() != null) {
        cells.add(new MatrixCell(plan.kernel(), plan.cgroup(), cellOut, -1, plan.notRun()));
        summaryCells.add(new MatrixSummary.Cell(plan.kernel(), plan.cgroup(), plan.dir(), -1, plan.notRun(), null));
        continue;
      }
      int exit = mergeCell(c, order, shards, shardDirs, cellOut);
      cells.add(new MatrixCell(plan.kernel(), plan.cgroup(), cellOut, exit, null));
      summaryCells.add(new MatrixSummary.Cell(plan.kernel(), plan.cgroup(), plan.dir(), exit, null, null));
    }
    int exit = MatrixExit.of(cells);
    String runId = oomlab.controller.format.RunResults.runId(out);
    return new Merged(cells, new MatrixSummary(first.matrix(), runId, first.plan(), null, first.repeat(), exit, first.host(),
        summaryCells));
  }

  private static void check(List<Path> dirs, List<MatrixSummary> shards) throws MergeException {
    MatrixSummary first = shards.getFirst();
    Map<Integer, Path> seen = new LinkedHashMap<>();
    int count = -1;
    for (int i = 0; i < shards.size(); i++) {
      MatrixSummary s = shards.get(i);
      if (s.shard() == null) throw new MergeException(dirs.get(i) + ": the results of a whole matrix, not of a shard");
      if (!s.plan().equals(first.plan())) {
        throw new MergeException(dirs.get(i) + ": shard of another matrix (plan " + s.plan() + ", " + dirs.getFirst() + " has " + first.plan() + ")");
      }
      Shard shard = Shard.parse(s.shard());
      count = shard.count();
      Path earlier = seen.putIfAbsent(shard.index(), dirs.get(i));
      if (earlier != null) throw new MergeException(dirs.get(i) + ": shard " + s.shard() + " again (also " + earlier + ")");
    }
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= count; k++) if (!seen.containsKey(k)) missing.add(k + "/" + count);
    if (!missing.isEmpty()) throw new MergeException("shard " + String.join(", ", missing) + " missing: give every shard's directory");
  }

  private static int index(MatrixSummary s) {
    return Shard.parse(s.shard()).index();
  }

  /** Joins cell {@code c} of the shards that ran some of it; returns the cell's exit code. */
  private static int mergeCell(int c, List<Integer> order, List<MatrixSummary> shards, List<Path> dirs, Path cellOut) throws IOException {
    Files.createDirectories(cellOut);
    ObjectNode merged = null;
    Map<String, ObjectNode> byScenario = new LinkedHashMap<>();
    int failed = RunExit.OK;
    for (int i : order) {
      MatrixSummary.Cell cell = shards.get(i).cells().get(c);
      if (cell.shardItems() == null || cell.shardItems() == 0) continue;
      Path cellDir = dirs.get(i).resolve(cell.dir());
      int k = index(shards.get(i));
      copyOthers(cellDir, cellOut, k);
      Path summaryFile = cellDir.resolve("summary.json");
      if (!Files.isRegularFile(summaryFile)) {
        // That shard's guest ended without results (a panic, a timeout): the cell keeps its code.
        failed = MatrixExit.worse(failed, cell.exitCode());
        continue;
      }
      ObjectNode summary = (ObjectNode) JSON.readTree(summaryFile.toFile());
      if (merged == null) merged = summary.deepCopy();
      for (JsonNode s : summary.path("scenarios")) {
        String name = s.path("scenario").asText();
        for (JsonNode run : s.path("runs")) copyTree(cellDir.resolve(run.path("dir").asText()), cellOut.resolve(run.path("dir").asText()));
        ObjectNode entry = byScenario.get(name);
        if (entry == null) {
          byScenario.put(name, ((ObjectNode) s).deepCopy());
        } else if (s.path("status").asText().equals("ran")) {
          ((ArrayNode) entry.withArray("runs")).addAll((ArrayNode) s.path("runs"));
        }
      }
    }
    if (merged == null) return failed;
    ArrayNode scenarios = JSON.createArrayNode();
    for (ObjectNode s : byScenario.values()) {
      s.remove("distribution");
      if (s.path("runs").size() > 1) s.set("distribution", JSON.valueToTree(distribution(cellOut, s.path("runs"))));
      scenarios.add(s);
    }
    merged.set("scenarios", scenarios);
    int exit = MatrixExit.worse(RunExit.ofJson(scenarios), failed);
    merged.put("exitCode", exit);
    // The same key order as a run writes.
    ObjectNode ordered = JSON.createObjectNode();
    List<String> keys = new ArrayList<>();
    merged.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) ordered.set(key, merged.get(key));
    Files.writeString(cellOut.resolve("summary.json"), JSON.writeValueAsString(ordered) + "\n");
    oomlab.controller.report.HtmlReport.writeAfterRun(cellOut, null, new java.io.PrintWriter(java.io.Writer.nullWriter()));
    return exit;
  }

  private static List<RunSummary.DistributionRow> distribution(Path cellDir, JsonNode runs) throws IOException {
    OutcomeDistribution d = new OutcomeDistribution();
    for (JsonNode run : runs) {
      if (!run.path("outcome").isObject()) continue;
      d.add(OutcomeJson.outcomeFromJson(run.path("outcome").toString()),
          OutcomeJson.readVerdicts(cellDir.resolve(run.path("dir").asText()).resolve("verdicts.json")));
    }
    return RunSummary.rows(d);
  }

  /** The shard's files of the cell that are not a run's directory or the summary and report the merge rewrites. */
  private static void copyOthers(Path cellDir, Path cellOut, int shard) throws IOException {
    if (!Files.isDirectory(cellDir)) return;
    try (Stream<Path> files = Files.list(cellDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.equals("summary.json") || name.equals("report.html")) continue;
        int dot = name.lastIndexOf('.');
        String target = dot > 0 ? name.substring(0, dot) + ".shard-" + shard + name.substring(dot) : name + ".shard-" + shard;
        Files.copy(f, cellOut.resolve(target), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) return;
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
