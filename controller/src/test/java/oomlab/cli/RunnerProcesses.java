package oomlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import oomlab.agent.workload.WorkloadBinary;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code oomlab run} in JVMs of their own, for the tests that kill or signal a runner in the middle
 * of a scenario, and what they look at on this host's cgroup v1: run directories below the agent
 * root, cgroup.procs, tmpfs mounts.
 */
final class RunnerProcesses implements AutoCloseable {
  static final Path AGENT_ROOT = Path.of("/sys/fs/cgroup/memory/oomlab");
  /** A tmpfs writer holding 8M and a hog asleep in the v1 memcg OOM wait (oom_kill_disable). */
  static final Path HELD = Path.of("src/test/resources/runner/held-for-kill.yaml");

  private final Path logs;
  private final List<Process> started = new ArrayList<>();

  RunnerProcesses(Path logs) {
    this.logs = logs;
  }

  /**
   * Starts {@code oomlab ARGS}. Through {@code env --default-signal}: a JVM started with SIGINT
   * ignored (a background job of a shell without job control, as the build may be) keeps it
   * ignored, and a test that sends SIGINT must see what a terminal's Ctrl-C does.
   */
  Process oomlab(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-D" + WorkloadBinary.PROPERTY + "=" + WorkloadBinary.locate(),
        "-cp", System.getProperty("java.class.path"), Oomlab.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(started.size()).toFile()).start();
    started.add(p);
    return p;
  }

  Path log(int index) {
    return logs.resolve("agent-" + index + ".log");
  }

  /** env execs java, so the process is the JVM itself (same pid). */
  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }

  /** Waits until the runner's tmpfs writer holds its file and its hog sleeps in the memcg OOM wait. */
  static Path awaitHeld(long agentPid) throws Exception {
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
    }, "the run holds its memory");
    return dir[0];
  }

  static List<Path> runDirsOf(long pid) throws IOException {
    try (Stream<Path> dirs = Files.list(AGENT_ROOT)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("run-" + pid + "-")).toList();
    }
  }

  /** The workload processes of the run's two cgroups. */
  static List<Long> workloads(Path runDir) throws IOException {
    List<Long> pids = new ArrayList<>(procs(runDir.resolve("A")));
    pids.addAll(procs(runDir.resolve("B")));
    return pids;
  }

  static List<Long> procs(Path cgroup) throws IOException {
    return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
  }

  static String mounts() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo"));
  }

  /** The tmpfs directories of {@code pid}'s runs, mounted or not. */
  static List<Path> tmpfsDirsOf(long pid) throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("oomlab-run-" + pid + "-")).toList();
    }
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void awaitTrue(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) Assertions.fail("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  /** As the agent's KernelRequirement: abort without the facility, fail under OOMLAB_REQUIRE_KERNEL=1. */
  static void requireCgroupV1AsRoot() {
    requireKernel(Files.exists(AGENT_ROOT.getParent().resolve("memory.oom_control")), "cgroup v1 memory controller");
    requireKernel("root".equals(System.getProperty("user.name")), "running as root");
  }

  private static void requireKernel(boolean present, String facility) {
    if (present) return;
    if ("1".equals(System.getenv("OOMLAB_REQUIRE_KERNEL"))) Assertions.fail("kernel facility missing: " + facility);
    Assumptions.abort("kernel facility missing: " + facility);
  }
}
