package oomlab.agent.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import oomlab.agent.io.KernelFile;
import oomlab.bindings.Fd;
import oomlab.bindings.FileIo;
import oomlab.bindings.KernelPath;

/**
 * The per-process OOM facts in {@code /proc/PID}: {@code oom_score_adj} (read/write), {@code
 * oom_score} (the kernel's current badness, 0..2000), the task state, and {@code wchan} / {@code
 * stack} to tell where a blocked task sleeps (a task waiting in memcg OOM shows {@code
 * mem_cgroup_oom_synchronize} or similar there).
 */
public final class ProcFs {
  private ProcFs() {}

  public static int oomScoreAdj(long pid) throws IOException {
    return parseInt(read(pid, "oom_score_adj"));
  }

  /**
   * Writes {@code /proc/PID/oom_score_adj} ({@code -1000..1000}). Lowering it below the process's
   * {@code oom_score_adj_min} (0 for a fresh process) needs CAP_SYS_RESOURCE; the kernel answers
   * EACCES and this throws {@link MissingCapabilityException}.
   */
  public static void setOomScoreAdj(long pid, int adj) throws IOException {
    if (adj < -1000 || adj > 1000) {
      throw new IllegalArgumentException("oom_score_adj must be in -1000..1000, got " + adj);
    }
    // open, one write, close: see OomScoreAdjFile for writing one process's adj repeatedly
    KernelPath path = OomScoreAdjFile.pathOf(pid);
    try (Fd fd = FileIo.openQuick(path, FileIo.O_WRONLY)) {
      OomScoreAdjFile.write(fd, path, pid, adj, false);
    }
  }

  /** {@code /proc/PID/oom_score}: oom_badness scaled to 0..2000 against total RAM + swap. */
  public static int oomScore(long pid) throws IOException {
    return parseInt(read(pid, "oom_score"));
  }

  public static ProcStatus status(long pid) throws IOException {
    return ProcStatus.parse(read(pid, "status"));
  }

  /** The task state letter: R, S, D, T, t, Z, X, I. */
  public static char state(long pid) throws IOException {
    return status(pid).state();
  }

  /** The kernel function the task sleeps in, if the kernel shows it ("0" or empty when running). */
  public static Optional<String> wchan(long pid) {
    return readIfPossible(pid, "wchan").map(String::trim).filter(w -> !w.isEmpty() && !w.equals("0"));
  }

  /** The task's kernel stack ({@code /proc/PID/stack}, root only, CONFIG_STACKTRACE). */
  public static Optional<String> stack(long pid) {
    return readIfPossible(pid, "stack").filter(s -> !s.isBlank());
  }

  /** The thread ids of process {@code pid} ({@code /proc/PID/task}); /proc/TID/... works for each. */
  public static java.util.List<Long> threads(long pid) throws IOException {
    try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return entries.map(p -> Long.parseLong(p.getFileName().toString())).sorted().toList();
    }
  }

  /** Whether this process has CAP_SYS_RESOURCE in its effective set. */
  public static boolean selfHasCapSysResource() throws IOException {
    return ProcStatus.parse(KernelFile.read(Path.of("/proc/self/status"))).hasCapSysResource();
  }

  private static Optional<String> readIfPossible(long pid, String name) {
    Path p = file(pid, name);
    if (!Files.isReadable(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(KernelFile.read(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String read(long pid, String name) throws IOException {
    return KernelFile.read(file(pid, name));
  }

  private static Path file(long pid, String name) {
    return Path.of("/proc", Long.toString(pid), name);
  }

  private static int parseInt(String text) {
    return Integer.parseInt(text.trim());
  }
}
