package oomlab.controller.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code matrix --executor slurm} on a real single-node Slurm cluster started here (Debian's
 * slurm-wlm and munge, see {@link SlurmCluster}): the shards run as one job array and are merged;
 * the result equals the same matrix run here without Slurm. The oomlab under test runs as a user
 * runs it, a JVM of its own with SLURM_CONF naming the cluster.
 */
class MatrixOnASlurmClusterTest {
  static final Path SCENARIOS = Path.of("..", "scenarios").toAbsolutePath().normalize();
  static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir static Path dir;
  static SlurmCluster cluster;

  @BeforeAll
  static void cluster() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.requireMemoryController("v1");
    for (String tool : List.of("munged", "slurmctld", "slurmd", "sbatch", "sinfo")) {
      KernelRequirement.require(onPath(tool), tool + " (Debian's slurm-wlm and munge: scripts/install-deps --test)");
    }
    cluster = SlurmCluster.start(Files.createDirectories(dir.resolve("cluster")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  @Test
  void theShardsRunAsOneJobArrayAndMergeIntoTheLocalRunsResult() throws Exception {
    List<String> common = List.of(SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(),
        SCENARIOS.resolve("basic/03-adj-plus-1000.yaml").toString(), SCENARIOS.resolve("v2/01-oom-group-leaf.yaml").toString(),
        "--kernels", "local", "--cgroup", "v1", "--repeat", "2", "--format", "text,ktap");
    int local = oomlab(dir.resolve("local"), common);
    List<String> slurm = new ArrayList<>(common);
    slurm.addAll(List.of("--executor", "slurm", "--shards", "2"));
    int merged = oomlab(dir.resolve("slurm"), slurm);

    assertThat(merged).isEqualTo(local);
    // Both tasks of one array ran, each its shard.
    String accounting = cluster.run("scontrol", "show", "job");
    assertThat(dir.resolve("slurm/shards/slurm-1.log")).exists();
    assertThat(dir.resolve("slurm/shards/slurm-2.log")).exists();
    assertThat(JSON.readTree(dir.resolve("slurm/shards/1/summary.json").toFile()).path("shard").asText()).isEqualTo("1/2");
    assertThat(JSON.readTree(dir.resolve("slurm/shards/2/summary.json").toFile()).path("shard").asText()).isEqualTo("2/2");
    assertThat(accounting).contains("ArrayTaskId=1", "ArrayTaskId=2");
    JsonNode a = JSON.readTree(dir.resolve("local/local-v1/summary.json").toFile());
    JsonNode b = JSON.readTree(dir.resolve("slurm/local-v1/summary.json").toFile());
    assertThat(ShardsMergedOnCgroupV1Test.comparable(b)).isEqualTo(ShardsMergedOnCgroupV1Test.comparable(a));
    assertThat(b.path("exitCode")).isEqualTo(a.path("exitCode"));
    assertThat(Files.readString(dir.resolve("slurm/matrix.txt"))).isEqualTo(Files.readString(dir.resolve("local/matrix.txt")));
    assertThat(Files.readString(dir.resolve("slurm/results.ktap"))).isEqualTo(Files.readString(dir.resolve("local/results.ktap")));
  }

  /** {@code oomlab matrix ARGS --out OUT} in a JVM of its own, against the test's cluster. */
  private static int oomlab(Path out, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "oomlab.cli.Oomlab", "matrix"));
    cmd.addAll(args);
    cmd.addAll(List.of("--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(Files.createDirectories(out).resolve("oomlab.log").toFile());
    pb.environment().put("SLURM_CONF", cluster.conf().toString());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("oomlab matrix did not end within 10 minutes");
    }
    System.err.println(Files.readString(out.resolve("oomlab.log"), StandardCharsets.UTF_8));
    return p.exitValue();
  }

  private static boolean onPath(String tool) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
