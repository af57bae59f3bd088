package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.proc.RunOwner;

/**
 * A private tmpfs for {@code mode: tmpfs} tasks, mounted at
 * {@code <tmp>/oomlab-run-<pid>-<startTime>.<suffix>} (owner named as in {@link RunOwner}): a tmpfs
 * file's pages outlive the writer (an OOM kill frees none of them), so they must live somewhere the
 * agent removes for sure; unmounting frees them all. A mount whose owner is dead (the agent was
 * SIGKILLed) is stale and {@link #cleanupStale} unmounts it.
 *
 * <p>mount(8)/umount(8) are run as commands: two calls per tmpfs scenario do not justify a mount(2)
 * binding.
 */
final class TmpfsMount implements AutoCloseable {
  private static final String PREFIX = "oomlab-run-";
  /** Bounds a runaway writer independently of the memcg limit (tests allocate at most 256M). */
  private static final String SIZE = "512m";

  private final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  static Path tmpRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  static TmpfsMount mount(String suffix) throws IOException {
    Path dir = tmpRoot().resolve(RunOwner.current().name(PREFIX, suffix));
    Files.createDirectories(dir);
    run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "oomlab", dir.toString());
    return new TmpfsMount(dir);
  }

  Path path() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    unmountAndRemove(dir);
  }

  /** The {@code oomlab-run-*} directories of {@link #tmpRoot()} whose owner is dead. */
  static List<Path> staleDirs() throws IOException {
    try (var entries = Files.list(tmpRoot())) {
      return entries.filter(p -> RunOwner.parse(PREFIX, p.getFileName().toString()).filter(o -> !o.isAlive()).isPresent())
          .sorted().toList();
    }
  }

  /**
   * Unmounts and removes every {@code oomlab-run-*} directory whose owner is dead, each tried even
   * if another failed (a failure is a line {@code <path>: <reason>}).
   */
  static AgentRoot.StaleCleanup cleanupStale() throws IOException {
    List<Path> removed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path p : staleDirs()) {
      try {
        unmountAndRemove(p);
        removed.add(p);
      } catch (IOException e) {
        failures.add(p + ": " + e.getMessage());
      }
    }
    return new AgentRoot.StaleCleanup(removed, failures);
  }

  private static void unmountAndRemove(Path dir) throws IOException {
    if (isMountPoint(dir)) {
      try {
        run("umount", dir.toString());
      } catch (IOException e) {
        if (isMountPoint(dir)) throw e; // else another process's cleanup unmounted it first
      }
    }
    Files.deleteIfExists(dir);
  }

  private static boolean isMountPoint(Path dir) throws IOException {
    String target = " " + dir.toAbsolutePath() + " ";
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(target)) return true;
    }
    return false;
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + new String(p.getInputStream().readAllBytes()).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
  }
}
