package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import oomlab.controller.vm.GuestRequirement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oomlab run --target vm:6.1}: one boot per hierarchy of Debian's 6.1 under QEMU TCG, the
 * agent running two scenarios in the guest, and the counters it read there coming back.
 */
class RunOnDebian61GuestTest {
  static final Path SCENARIOS = Path.of("..", "scenarios").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void kernel() {
    GuestRequirement.kernel("6.1");
  }

  static int run(String... args) {
    var cl = Oomlab.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    int code = cl.execute(args);
    System.err.println(out);
    return code;
  }

  @Test
  void cgroupV2CountsTheOomKillInMemoryEvents(@TempDir Path out) throws Exception {
    int code = run("run", SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(),
        SCENARIOS.resolve("v2/01-oom-group-leaf.yaml").toString(), "--target", "vm:6.1", "--cgroup", "v2", "--out", out.toString());

    assertThat(code).isIn(0, 1);
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("target").asText()).isEqualTo("vm:6.1");
    assertThat(summary.get("kernel").asText()).startsWith("6.1.0-");
    assertThat(summary.get("cgroupVersion").asText()).isEqualTo("v2");
    JsonNode hog = JSON.readTree(out.resolve("hog-over-limit/outcome.json").toFile());
    assertThat(hog.at("/events/A/oom_kill").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(hog.at("/killed").toString()).contains("hog");
    assertThat(out.resolve("console.log")).isNotEmptyFile();
  }

  @Test
  void cgroupV1RunsTheOomKillDisableHandler(@TempDir Path out) throws Exception {
    int code = run("run", SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(),
        SCENARIOS.resolve("basic/06-oom-kill-disable-raise-limit.yaml").toString(), "--target", "vm:6.1", "--cgroup", "v1",
        "--out", out.toString());

    assertThat(code).isIn(0, 1);
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("cgroupVersion").asText()).isEqualTo("v1");
    assertThat(JSON.readTree(out.resolve("hog-over-limit/outcome.json").toFile()).at("/killed").toString()).contains("hog");
    // The handler saw the v1 eventfd notification in the guest and raised the limit: the hog lives.
    JsonNode raised = JSON.readTree(out.resolve("oom-kill-disable-raise-limit/outcome.json").toFile());
    assertThat(raised.at("/notifications/A").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(raised.at("/survived").toString()).contains("hog");
  }

  @Test
  void dryRunPrintsTheQemuCommandLineWithoutBooting(@TempDir Path out) throws Exception {
    var cl = Oomlab.commandLine();
    StringWriter stdout = new StringWriter();
    cl.setOut(new PrintWriter(stdout));
    int code = cl.execute("run", SCENARIOS.resolve("basic/01-hog-over-limit.yaml").toString(), "--target", "vm:6.1",
        "--out", out.toString(), "--dry-run");
    assertThat(code).isZero();
    assertThat(stdout.toString()).startsWith("qemu-system-x86_64 ").contains("-accel tcg", "cgroup_no_v1=all", "mount_tag=results");
    assertThat(out.resolve("summary.json")).doesNotExist();
    // The printed line stays runnable: its initramfs is kept; this test removes it.
    java.util.List<String> words = java.util.List.of(stdout.toString().split("\\s+"));
    oomlab.controller.kernel.KernelFetcher.deleteTree(Path.of(words.get(words.indexOf("-initrd") + 1)).getParent());
  }
}
