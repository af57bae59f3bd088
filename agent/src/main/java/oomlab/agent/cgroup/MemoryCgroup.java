package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import oomlab.agent.io.KernelFile;
import oomlab.agent.proc.Processes;
import oomlab.model.scenario.CgroupVersion;

/**
 * One memory cgroup (a memcg): membership, limits, counters, creation of children and removal.
 * What v1 and v2 share lives here; {@link MemoryCgroupV1} and {@link MemoryCgroupV2} supply the
 * file names and the semantics that really differ (v1 {@code memory.limit_in_bytes} with {@code -1}
 * for no limit, v2 {@code memory.max} with {@code max}; v1 memsw is memory+swap, v2 swap.max is
 * swap alone). Every write passes the {@link WriteGuard} first and goes through {@link KernelFile}.
 *
 * <p>Limits are bytes; {@link #UNLIMITED} stands for v1's {@code PAGE_COUNTER_MAX} pages and v2's
 * {@code max}.
 */
public abstract sealed class MemoryCgroup permits MemoryCgroupV1, MemoryCgroupV2 {
  /** No limit: v1 {@code -1} (read back as 9223372036854771712), v2 {@code max}. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** How long {@link #remove} waits for killed members to leave {@code cgroup.procs}. */
  public static final Duration REAP_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;
  final WriteGuard guard;

  MemoryCgroup(Path dir, WriteGuard guard) {
    this.dir = dir;
    this.guard = guard;
  }

  /** The cgroup at {@code dir} of the given hierarchy version; nothing is created. */
  public static MemoryCgroup at(CgroupVersion version, Path dir, WriteGuard guard) {
    return switch (version) {
      case V1 -> new MemoryCgroupV1(dir, guard);
      case V2 -> new MemoryCgroupV2(dir, guard);
    };
  }

  /** Read-only view of a cgroup oomlab does not own (every write is refused). */
  public static MemoryCgroup observe(CgroupVersion version, Path dir) {
    return at(version, dir, WriteGuard.readOnly());
  }

  public abstract CgroupVersion version();

  public final Path path() {
    return dir;
  }

  public final boolean exists() {
    return Files.isDirectory(dir);
  }

  // ---- layout: the files whose names or formats differ between v1 and v2

  abstract String limitFile();

  abstract String usageFile();

  abstract String peakFile();

  /** The value to write for a limit: v1 {@code -1} for none, v2 {@code max}. */
  abstract String formatLimit(long bytes);

  /** A limit read from {@code file}, with "no limit" mapped to {@link #UNLIMITED}. */
  abstract long parseLimit(String file, String text);

  /** Prepares this cgroup to hold memcg children (v2: {@code +memory} in its subtree_control). */
  abstract void enableMemoryForChildren() throws IOException;

  // ---- membership

  /** The pids in {@code cgroup.procs} (thread-group leaders), in the kernel's order. */
  public final List<Long> procs() throws IOException {
    List<Long> pids = new ArrayList<>();
    for (String line : read("cgroup.procs").split("\n")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.trim()));
      }
    }
    return pids;
  }

  /** Moves process {@code pid} (all its threads) into this cgroup. */
  public final void addProc(long pid) throws IOException {
    write("cgroup.procs", Long.toString(pid));
  }

  // ---- limits and counters

  public final long limit() throws IOException {
    return parseLimit(limitFile(), read(limitFile()));
  }

  /** Sets the memory limit; v1 fails with EBUSY when usage cannot be reclaimed below it. */
  public void setLimit(long bytes) throws IOException {
    write(limitFile(), formatLimit(bytes));
  }

  /**
   * Sets memory and swap limits together: {@code swapBytes} is the swap allowed on top of memory
   * (v1 writes memsw = memory + swap, in the order the kernel accepts; v2 writes swap.max).
   */
  public abstract void setLimits(long memoryBytes, long swapBytes) throws IOException;

  public final long usage() throws IOException {
    return parseNumber(usageFile(), read(usageFile()));
  }

  /** The usage high-water mark, if the kernel has one (v2 {@code memory.peak} since 5.19). */
  public final OptionalLong peak() throws IOException {
    if (!Files.exists(dir.resolve(peakFile()))) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parseNumber(peakFile(), read(peakFile())));
  }

  /**
   * How often the limit was hit: v1 {@code memory.failcnt} (charges that failed and went to
   * reclaim), v2 the {@code max} count of {@code memory.events} (the same event, hierarchical).
   */
  public abstract long failcnt() throws IOException;

  // ---- hierarchy

  /** The child cgroup {@code name} (not created). */
  public final MemoryCgroup child(String name) {
    return at(version(), dir.resolve(name), guard);
  }

  /** Creates child {@code name} below this cgroup, enabling the memory controller for it first. */
  public final MemoryCgroup createChild(String name) throws IOException {
    MemoryCgroup child = child(name);
    guard.check(child.path());
    enableMemoryForChildren();
    KernelFile.mkdir(child.path());
    return child;
  }

  /** The child cgroups that exist now. */
  public final List<MemoryCgroup> children() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).sorted().map(p -> at(version(), p, guard)).toList();
    }
  }

  /** SIGKILLs every member process (the kernel's OOM-kill signal, so tasks stuck in memcg OOM wake). */
  public final void killProcs() throws IOException {
    guard.check(dir);
    if (killAtomically()) {
      return;
    }
    for (long pid : procs()) {
      Processes.kill(pid);
    }
  }

  /** Kills the whole cgroup in one kernel operation if the kernel has one (v2 {@code cgroup.kill}). */
  abstract boolean killAtomically() throws IOException;

  /**
   * Removes this cgroup and its subtree, children first: kills each cgroup's members, waits until
   * its {@code cgroup.procs} is empty (bounded by {@link #REAP_TIMEOUT}), then rmdirs it. A cgroup
   * already gone is fine (a concurrent cleanup, or the caller removing twice).
   */
  public final void remove() throws IOException {
    if (!exists()) {
      return;
    }
    guard.check(dir);
    for (MemoryCgroup child : children()) {
      child.remove();
    }
    killProcs();
    awaitNoProcs(REAP_TIMEOUT);
    try {
      KernelFile.rmdir(dir);
    } catch (IOException e) {
      if (!KernelFile.isNoSuchFile(e)) {
        throw e;
      }
    }
  }

  /**
   * Polls {@code cgroup.procs} until it is empty. A SIGKILLed task leaves it in do_exit(), before
   * its parent reaps it, so waiting here does not depend on who the parent is; a task stuck in D
   * state keeps it non-empty and ends in an exception naming the pids left.
   */
  private void awaitNoProcs(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Long> left = procs();
    while (!left.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(dir + ": processes " + left + " still in cgroup.procs " + timeout.toMillis() + " ms after SIGKILL");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + dir + " to empty", e);
      }
      left = procs();
      for (long pid : left) {
        Processes.kill(pid); // a member forked after the first kill
      }
    }
  }

  // ---- file access: the only two doors to the files of this cgroup

  final String read(String file) throws IOException {
    return KernelFile.read(dir.resolve(file));
  }

  final void write(String file, String value) throws IOException {
    Path target = dir.resolve(file);
    guard.check(target);
    KernelFile.write(target, value);
  }

  static long parseNumber(String file, String text) {
    String t = text.trim();
    if (!t.matches("\\d{1,19}")) {
      throw new IllegalArgumentException(file + ": expected a byte count, got '" + t + "'");
    }
    return Long.parseLong(t);
  }

  @Override
  public String toString() {
    return version() + ":" + dir;
  }
}
