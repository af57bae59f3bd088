package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import oomlab.agent.proc.Processes;
import oomlab.agent.workload.WorkloadBinary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a separate JVM running {@code oomlab run} in the middle of a scenario (a tmpfs file
 * written, a task asleep in the v1 memcg OOM wait), then runs {@code oomlab run} again: the
 * workloads must have died with the first agent (PR_SET_PDEATHSIG), and after the second run
 * nothing of either is left: no run directory, no tmpfs mount, no workload process.
 */
class RunnerSigkilledOnCgroupV1Test {
  private static final Path AGENT_ROOT = Path.of("/sys/fs/cgroup/memory/oomlab");
  private static final Path SCENARIO = Path.of("src/test/resources/runner/held-for-kill.yaml");

  @TempDir Path out;
  private final List<Process> agents = new ArrayList<>();

  @AfterEach
  void killAgents() {
    agents.forEach(Process::destroyForcibly);
  }

  @Test
  void workloadsDieWithTheAgentAndTheNextRunRemovesWhatItLeft() throws Exception {
    requireKernel(Files.exists(AGENT_ROOT.getParent().resolve("memory.oom_control")), "cgroup v1 memory controller");
    requireKernel("root".equals(System.getProperty("user.name")), "running as root");

    Process first = oomlab("run", SCENARIO.toString(), "--target", "local", "--out", out.resolve("first").toString(), "--settle", "60s");
    long firstPid = first.pid();
    Path runDir = awaitHeld(firstPid);
    List<Long> workloads = new ArrayList<>();
    workloads.addAll(procs(runDir.resolve("A")));
    workloads.addAll(procs(runDir.resolve("B")));
    assertThat(workloads).hasSize(2);
    assertThat(mounts()).contains("oomlab-run-" + firstPid + "-");

    first.destroyForcibly().waitFor();

    for (long pid : workloads) {
      awaitTrue(() -> !Processes.isAlive(pid), "workload " + pid + " dies with its agent");
    }
    assertThat(runDir).as("the killed agent could not clean up").exists();

    Process second = oomlab("run", "../scenarios/basic/01-hog-over-limit.yaml", "--target", "local", "--out", out.resolve("second").toString(),
        "--designs", "mainline6");
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isEqualTo(Oomlab.EXIT_OK);

    assertThat(runDirsOf(firstPid)).isEmpty();
    assertThat(runDirsOf(second.pid())).isEmpty();
    assertThat(mounts()).doesNotContain("oomlab-run-" + firstPid + "-").doesNotContain("oomlab-run-" + second.pid() + "-");
    assertThat(workloads).noneMatch(Processes::isAlive);
    assertThat(Files.readString(out.resolve("second/hog-over-limit/outcome.json"))).contains("\"killed\" : [ \"hog\" ]");
  }

  private Process oomlab(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-D" + WorkloadBinary.PROPERTY + "=" + WorkloadBinary.locate(),
        "-cp", System.getProperty("java.class.path"), Oomlab.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("agent-" + agents.size() + ".log").toFile()).start();
    agents.add(p);
    return p;
  }

  /** Waits until the first agent's writer holds its tmpfs file and its hog sleeps in the memcg OOM wait. */
  private Path awaitHeld(long agentPid) throws Exception {
    Path[] dir = new Path[1];
    awaitTrue(() -> {
      Optional<Path> run = runDirsOf(agentPid).stream().findFirst();
      if (run.isEmpty()) return false;
      dir[0] = run.get();
      try {
        return Files.readString(run.get().resolve("B/memory.oom_control")).contains("under_oom 1")
            && Long.parseLong(Files.readString(run.get().resolve("A/memory.usage_in_bytes")).strip()) >= 8L << 20;
      } catch (IOException e) {
        return false; // its cgroups are still being created
      }
    }, "the first run holds its memory");
    return dir[0];
  }

  private static List<Path> runDirsOf(long pid) throws IOException {
    try (Stream<Path> dirs = Files.list(AGENT_ROOT)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("run-" + pid + "-")).toList();
    }
  }

  private static List<Long> procs(Path cgroup) throws IOException {
    return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
  }

  private static String mounts() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo"));
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) Assertions.fail("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  /** As the agent's KernelRequirement: abort without the facility, fail under OOMLAB_REQUIRE_KERNEL=1. */
  private static void requireKernel(boolean present, String facility) {
    if (present) return;
    if ("1".equals(System.getenv("OOMLAB_REQUIRE_KERNEL"))) Assertions.fail("kernel facility missing: " + facility);
    Assumptions.abort("kernel facility missing: " + facility);
  }
}
