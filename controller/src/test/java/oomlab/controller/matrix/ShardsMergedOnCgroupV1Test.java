package oomlab.controller.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oomlab.agent.KernelRequirement;
import oomlab.cli.Oomlab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two shards of a matrix on this machine's kernel (memcg v1), merged, equal the same matrix run
 * unsharded: the scenarios, every repetition's outcome and verdicts, the exit codes, the table and
 * the KTAP. The scenarios' outcomes do not race (one hog; an adj-1000 task chosen over a larger
 * one); a v2-only scenario is skipped; with --repeat 2 the second shard starts inside a scenario.
 */
class ShardsMergedOnCgroupV1Test {
  static final Path SCENARIOS = Path.of("..", "scenarios").toAbsolutePath().normalize();
  static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;

  @BeforeEach
  void kernel() {
    KernelRequirement.requireRoot();
    KernelRequirement.requireMemoryController("v1");
  }

  static int oomlab(StringWriter out, String... args) {
    var cl = Oomlab.commandLine();
    cl.setOut(new PrintWriter(out));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    System.err.print(err);
    return code;
  }

  private int matrix(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("matrix", SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(),
        SCENARIOS.resolve("basic/03-adj-plus-1000.yaml").toString(), SCENARIOS.resolve("v2/01-oom-group-leaf.yaml").toString(),
        "--kernels", "local", "--cgroup", "v1", "--repeat", "2", "--out", out.toString(), "--format", "text,ktap"));
    args.addAll(List.of(extra));
    return oomlab(new StringWriter(), args.toArray(String[]::new));
  }

  @Test
  void twoShardsMergedEqualOneUnshardedRun() throws Exception {
    int whole = matrix(dir.resolve("whole"));
    int first = matrix(dir.resolve("shard-1"), "--shard", "1/2");
    int second = matrix(dir.resolve("shard-2"), "--shard", "2/2");
    StringWriter merged = new StringWriter();
    int code = oomlab(merged, "merge", dir.resolve("shard-2").toString(), dir.resolve("shard-1").toString(), "--out",
        dir.resolve("merged").toString(), "--format", "text,ktap");

    // 3 scenarios x 2 repetitions: the first shard ran hog #1, #2 and adj #1, the second adj #2 and the skipped leaf.
    assertThat(ran(dir.resolve("shard-1/local-v1"))).containsExactly("hog-over-limit#1", "hog-over-limit#2", "adj-plus-1000#1");
    assertThat(ran(dir.resolve("shard-2/local-v1"))).containsExactly("adj-plus-1000#2");
    assertThat(List.of(first, second)).doesNotContain(Oomlab.EXIT_BAD_INPUT);

    assertThat(code).isEqualTo(whole);
    JsonNode a = JSON.readTree(dir.resolve("whole/local-v1/summary.json").toFile());
    JsonNode b = JSON.readTree(dir.resolve("merged/local-v1/summary.json").toFile());
    assertThat(b.path("exitCode")).isEqualTo(a.path("exitCode"));
    assertThat(comparable(b)).isEqualTo(comparable(a));
    assertThat(b.at("/scenarios/1/distribution")).isEqualTo(a.at("/scenarios/1/distribution"));
    assertThat(dir.resolve("merged/local-v1/adj-plus-1000/2/outcome.json")).exists();
    assertThat(dir.resolve("merged/local-v1/report.html")).exists();
    assertThat(Files.readString(dir.resolve("merged/matrix.txt"))).isEqualTo(Files.readString(dir.resolve("whole/matrix.txt")));
    assertThat(Files.readString(dir.resolve("merged/results.ktap"))).isEqualTo(Files.readString(dir.resolve("whole/results.ktap")));
    JsonNode matrix = JSON.readTree(dir.resolve("merged/summary.json").toFile());
    assertThat(matrix.path("exitCode").asInt()).isEqualTo(whole);
    assertThat(matrix.has("shard")).isFalse();
  }

  @Test
  void aMissingShardIsRefusedNamingIt() throws Exception {
    matrix(dir.resolve("shard-1"), "--shard", "1/3");
    StringWriter out = new StringWriter();
    int code = oomlab(out, "merge", dir.resolve("shard-1").toString(), "--out", dir.resolve("merged").toString());
    assertThat(code).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(dir.resolve("merged")).doesNotExist();
  }

  /** Every scenario's name, status and per run its directory, finish, outcome, verdicts and failed expectations. */
  static List<String> comparable(JsonNode summary) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : summary.path("scenarios")) {
      out.add(s.path("scenario").asText() + " " + s.path("status").asText() + " " + s.path("reason").asText(""));
      for (JsonNode r : s.path("runs")) {
        out.add("  " + r.path("dir").asText() + " " + r.path("finish").asText() + " " + r.path("outcome") + " "
            + r.path("verdicts") + " " + r.path("expectDifferences"));
      }
    }
    return out;
  }

  private static List<String> ran(Path cell) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode s : JSON.readTree(cell.resolve("summary.json").toFile()).path("scenarios")) {
      int k = 0;
      for (JsonNode r : s.path("runs")) {
        String d = r.path("dir").asText();
        out.add(s.path("scenario").asText() + "#" + (d.contains("/") ? d.substring(d.indexOf('/') + 1) : "1"));
      }
    }
    return out;
  }
}
