package oomlab.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.agent.kmsg.KmsgReader;
import oomlab.agent.proc.ProcFs;
import oomlab.agent.run.SuiteRun;
import oomlab.bindings.Posix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oomlab doctor [--cleanup]}: one line per fact the agent depends on, and exit 3 when the
 * agent cannot run here (not root, no memory cgroup). Missing tools that only some targets need
 * (gcc for the workload build, qemu for {@code vm:} targets) are warnings, not failures.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
        "Checks whether this machine can run oomlab experiments: root, CAP_SYS_RESOURCE, the memory",
        "cgroup hierarchies, /dev/kmsg, the JDK, gcc, qemu, and run directories left by dead runs.",
        "Exit 3 if the agent cannot run here."},
    footer = {"", "Examples:", "  oomlab doctor", "  oomlab doctor --cleanup   # remove run directories whose owner died"})
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--cleanup", description = "Remove stale run directories (owner dead): kill their processes, rmdir children first.")
  boolean cleanup;

  @Spec CommandSpec spec;

  /** How serious a finding is: FAIL means the agent cannot run here. */
  public enum Status { OK, WARN, FAIL }

  /** One line of the report. */
  public record Check(Status status, String name, String detail) {
    String line() {
      return String.format("%-5s %-18s %s", status.name().toLowerCase(java.util.Locale.ROOT), name, detail);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Check> checks = checks();
    checks.forEach(c -> out.println(c.line()));
    out.flush();
    return exitCode(checks);
  }

  /** 3 (environment missing) if any check failed, else 0. */
  static int exitCode(List<Check> checks) {
    return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? Oomlab.EXIT_ENVIRONMENT : Oomlab.EXIT_OK;
  }

  List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    boolean root = Posix.geteuid() == 0;
    checks.add(new Check(root ? Status.OK : Status.FAIL, "root", root ? "euid 0" : "euid " + Posix.geteuid() + ": the agent writes cgroup files and must run as root"));
    checks.add(kernel());
    checks.add(capSysResource());
    Optional<CgroupHierarchies> hierarchies = hierarchies(checks);
    checks.add(kmsg());
    checks.add(jdk());
    checks.add(tool("gcc", "builds the C workload", "apt-get install gcc"));
    checks.add(tool("qemu-system-x86_64", "needed for --target vm:KERNEL", "apt-get install qemu-system-x86"));
    if (root && hierarchies.flatMap(CgroupHierarchies::memory).isPresent()) {
      checks.add(staleRuns());
    }
    if (root) {
      checks.add(staleTmpfs());
    }
    return checks;
  }

  private static Check kernel() {
    try {
      return new Check(Status.OK, "kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
    } catch (IOException e) {
      return new Check(Status.WARN, "kernel", "cannot read /proc/sys/kernel/osrelease: " + e.getMessage());
    }
  }

  private static Check capSysResource() {
    try {
      return ProcFs.selfHasCapSysResource()
          ? new Check(Status.OK, "CAP_SYS_RESOURCE", "present: negative oom_score_adj can be set")
          : new Check(Status.WARN, "CAP_SYS_RESOURCE", "missing: scenarios with a negative oomScoreAdj cannot run with --target local");
    } catch (IOException e) {
      return new Check(Status.WARN, "CAP_SYS_RESOURCE", "cannot read /proc/self/status: " + e.getMessage());
    }
  }

  private static Optional<CgroupHierarchies> hierarchies(List<Check> checks) {
    try {
      CgroupHierarchies h = CgroupHierarchies.detect();
      checks.add(new Check(h.memory().isPresent() ? Status.OK : Status.FAIL, "memory cgroup",
          h.describe() + h.memory().map(m -> " -> agent uses " + m.version() + " at " + m.mount()).orElse(" -> no memory controller to run in")));
      return Optional.of(h);
    } catch (IOException | IllegalArgumentException e) {
      checks.add(new Check(Status.FAIL, "memory cgroup", "cannot read /proc/self/mountinfo: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private static Check kmsg() {
    try (KmsgReader reader = KmsgReader.fromNow()) {
      return new Check(Status.OK, "/dev/kmsg", "readable: kernel OOM reports can be matched to kills");
    } catch (IOException | RuntimeException e) {
      return new Check(Status.WARN, "/dev/kmsg", "not readable (" + e.getMessage() + "): kernel_oom_kill events will be missing");
    }
  }

  private static Check jdk() {
    Runtime.Version v = Runtime.version();
    return new Check(v.feature() >= 22 ? Status.OK : Status.FAIL, "JDK",
        v + " (" + System.getProperty("java.home") + ")" + (v.feature() >= 22 ? "" : ": the FFM API needs JDK 22 or newer"));
  }

  /** An executable on PATH, with the first line of its {@code --version}. */
  private static Check tool(String name, String why, String install) {
    Optional<Path> exe = onPath(name);
    if (exe.isEmpty()) {
      return new Check(Status.WARN, name, "not found on PATH (" + why + "; " + install + ")");
    }
    return new Check(Status.OK, name, exe.get() + versionOf(exe.get()).map(v -> ": " + v).orElse(""));
  }

  static Optional<Path> onPath(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> versionOf(Path exe) {
    try {
      Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return first.isBlank() ? Optional.empty() : Optional.of(first.trim());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Check staleRuns() {
    try {
      Optional<AgentRoot> root = AgentRoot.find();
      if (root.isEmpty()) {
        return new Check(Status.OK, "stale runs", "none (no agent root yet)");
      }
      List<AgentRoot.RunDirEntry> stale = root.get().staleRuns();
      if (stale.isEmpty()) {
        return new Check(Status.OK, "stale runs", "none below " + root.get().path());
      }
      if (cleanup) {
        AgentRoot.StaleCleanup done = root.get().cleanupStale();
        String removed = "removed " + done.removed().size() + ": " + names(done.removed());
        if (done.failures().isEmpty()) {
          return new Check(Status.OK, "stale runs", removed);
        }
        return new Check(Status.WARN, "stale runs", removed + "; could not remove " + done.failures().size() + ":\n  "
            + String.join("\n  ", done.failures()));
      }
      return new Check(Status.WARN, "stale runs", stale.size() + " left by dead runs: "
          + names(stale.stream().map(AgentRoot.RunDirEntry::path).toList()) + " (oomlab doctor --cleanup removes them)");
    } catch (IOException e) {
      return new Check(Status.WARN, "stale runs", (cleanup ? "cleanup failed: " : "cannot list: ") + e.getMessage());
    }
  }

  private Check staleTmpfs() {
    try {
      List<Path> stale = SuiteRun.staleTmpfs();
      if (stale.isEmpty()) {
        return new Check(Status.OK, "stale tmpfs", "none in " + Path.of(System.getProperty("java.io.tmpdir")));
      }
      if (cleanup) {
        AgentRoot.StaleCleanup done = SuiteRun.cleanupStaleTmpfs();
        String removed = "removed " + done.removed().size() + ": " + names(done.removed());
        return done.failures().isEmpty() ? new Check(Status.OK, "stale tmpfs", removed)
            : new Check(Status.WARN, "stale tmpfs", removed + "; could not remove " + done.failures().size() + ":\n  "
                + String.join("\n  ", done.failures()));
      }
      return new Check(Status.WARN, "stale tmpfs", stale.size() + " left by dead runs: " + names(stale)
          + " (oomlab doctor --cleanup unmounts and removes them)");
    } catch (IOException e) {
      return new Check(Status.WARN, "stale tmpfs", (cleanup ? "cleanup failed: " : "cannot list: ") + e.getMessage());
    }
  }

  private static String names(List<Path> paths) {
    return String.join(" ", paths.stream().map(p -> p.getFileName().toString()).toList());
  }
}
