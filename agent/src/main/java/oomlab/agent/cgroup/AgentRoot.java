package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import oomlab.agent.io.KernelFile;
import oomlab.agent.proc.RunOwner;
import oomlab.model.scenario.CgroupVersion;

/**
 * The agent's root cgroup, {@code <memory mount>/oomlab}, and the run directories below it. Every
 * cgroup oomlab creates lives in a run directory {@code run-<ownerPid>-<ownerStartTime>.<suffix>}
 * ({@link RunOwner}: the start time tells the owner from a later process that got its pid; the old
 * form {@code run-<ownerPid>-<suffix>} is still read, by pid alone); a run directory whose owner is
 * dead is stale and {@link #cleanupStale()} removes it (the owner crashed or was SIGKILLed, so its
 * own cleanup never ran). Run directories of live owners are never touched: other oomlab processes
 * use this root at the same time.
 */
public final class AgentRoot {
  public static final String NAME = "oomlab";
  private static final String RUN_PREFIX = "run-";

  private final MemoryHierarchy hierarchy;
  private final MemoryCgroup root;
  private final WriteGuard guard;

  private AgentRoot(MemoryHierarchy hierarchy, Optional<Path> ownCgroup) {
    this.hierarchy = hierarchy;
    Path dir = hierarchy.mount().resolve(NAME);
    this.guard = WriteGuard.below(dir, ownCgroup);
    this.root = MemoryCgroup.at(hierarchy.version(), dir, guard);
  }

  /**
   * This machine's agent root on the hierarchy holding the memory controller, created if missing.
   *
   * @throws IOException when no hierarchy has the memory controller, or creating the root failed
   */
  public static AgentRoot open() throws IOException {
    MemoryHierarchy h = CgroupHierarchies.detect().memory()
        .orElseThrow(() -> new IOException("no memory cgroup: neither a v1 memory mount nor cgroup2 with the memory controller"));
    return open(h);
  }

  /** The agent root on {@code hierarchy} (e.g. the one {@code --cgroup v2} asks for), created if missing. */
  public static AgentRoot open(MemoryHierarchy h) throws IOException {
    return open(h, ownCgroup(h));
  }

  /**
   * The agent root if it exists, without creating anything ({@code oomlab doctor} looks before it
   * cleans); empty when there is no memory hierarchy or no root yet.
   */
  public static Optional<AgentRoot> find() throws IOException {
    Optional<MemoryHierarchy> h = CgroupHierarchies.detect().memory();
    if (h.isEmpty()) {
      return Optional.empty();
    }
    AgentRoot agentRoot = new AgentRoot(h.get(), ownCgroup(h.get()));
    return agentRoot.root.exists() ? Optional.of(agentRoot) : Optional.empty();
  }

  private static Optional<Path> ownCgroup(MemoryHierarchy h) throws IOException {
    ProcCgroup self = ProcCgroup.parse(KernelFile.read(Path.of("/proc/self/cgroup")));
    Optional<String> own = h.version() == CgroupVersion.V1 ? self.v1Memory() : self.v2();
    return own.map(p -> h.mount().resolve(p.substring(1)));
  }

  /** The agent root on {@code hierarchy}; {@code ownCgroup} is the cgroup the agent runs in. */
  public static AgentRoot open(MemoryHierarchy hierarchy, Optional<Path> ownCgroup) throws IOException {
    AgentRoot agentRoot = new AgentRoot(hierarchy, ownCgroup);
    agentRoot.ensureExists();
    return agentRoot;
  }

  private void ensureExists() throws IOException {
    if (hierarchy.version() == CgroupVersion.V2) {
      enableMemoryInMountRoot();
    }
    if (!root.exists()) {
      try {
        KernelFile.mkdir(root.path());
      } catch (IOException e) {
        if (!KernelFile.isAlreadyExists(e)) { // else another oomlab process created it first
          throw e;
        }
      }
    }
  }

  /**
   * v2 only: the agent root is a memcg only if the mount root's {@code cgroup.subtree_control}
   * has {@code memory}. This is the one write oomlab makes outside its root, and only when needed:
   * the mount root is exempt from the no-internal-process rule, so enabling a controller there
   * cannot fail because of processes in it, and it only makes the controller available to the
   * top-level cgroups; systemd hosts have it enabled already (nothing is written then), a guest's
   * fresh cgroup2 mount does not. It is never disabled again: other users may rely on it. If the
   * mount root is not the hierarchy's root (a cgroup namespace, a delegated subtree), the kernel
   * may refuse and the exception says so.
   */
  private void enableMemoryInMountRoot() throws IOException {
    Path control = hierarchy.mount().resolve("cgroup.subtree_control");
    if (!Arrays.asList(KernelFile.read(control).trim().split("\\s+")).contains("memory")) {
      KernelFile.write(control, "+memory");
    }
  }

  public Path path() {
    return root.path();
  }

  public CgroupVersion version() {
    return hierarchy.version();
  }

  public MemoryHierarchy hierarchy() {
    return hierarchy;
  }

  /** The root as a cgroup (for reading; writes below it pass the guard). */
  public MemoryCgroup cgroup() {
    return root;
  }

  /**
   * A new run directory {@code run-<this JVM's pid>-<its start time>.<suffix>} with the memory
   * controller enabled for its children. {@code suffix}: {@code [A-Za-z0-9_-]+}, unique among this
   * JVM's runs.
   */
  public RunDir createRun(String suffix) throws IOException {
    return new RunDir(root.createChild(RunOwner.current().name(RUN_PREFIX, suffix)));
  }

  /** A run directory of this root found on disk, with its owner. */
  public record RunDirEntry(Path path, RunOwner owner, boolean ownerAlive) {
    public long ownerPid() {
      return owner.pid();
    }
  }

  /** Every run directory below the root (either naming form); other names are not oomlab's. */
  public List<RunDirEntry> runDirs() throws IOException {
    List<RunDirEntry> runs = new ArrayList<>();
    for (MemoryCgroup child : root.children()) {
      Optional<RunOwner> owner = RunOwner.parse(RUN_PREFIX, child.path().getFileName().toString());
      owner.ifPresent(o -> runs.add(new RunDirEntry(child.path(), o, o.isAlive())));
    }
    return runs;
  }

  /** Run directories whose owner is dead (or a zombie). */
  public List<RunDirEntry> staleRuns() throws IOException {
    return runDirs().stream().filter(r -> !r.ownerAlive()).toList();
  }

  /**
   * What {@link #cleanupStale()} did: the directories it removed, and one line per stale directory
   * it could not remove ({@code <path>: <reason>}, e.g. a process stuck in D state).
   */
  public record StaleCleanup(List<Path> removed, List<String> failures) {
    public StaleCleanup {
      removed = List.copyOf(removed);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Removes the run directories this JVM owns, each tried: for a command stopped by a signal while
   * another of its threads still holds them (a benchmark blocked reading a workload's pipe). That
   * thread then finds its processes gone and unwinds; its own removal finds nothing left. A
   * removal is retried for up to 2 s: a killed task leaves cgroup.procs before it is reaped, and
   * until then rmdir answers EBUSY (the task's parent, killed too, leaves the reaping to init).
   */
  public StaleCleanup removeOwnRuns() throws IOException {
    List<Path> removed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (RunDirEntry run : runDirs()) {
      if (!run.owner().equals(RunOwner.current())) continue;
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
      while (true) {
        try {
          MemoryCgroup.at(version(), run.path(), guard).remove();
          removed.add(run.path());
          break;
        } catch (IOException | IllegalStateException e) {
          if (System.nanoTime() > deadline) {
            failures.add(run.path() + ": " + e.getMessage());
            break;
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            failures.add(run.path() + ": " + e.getMessage());
            break;
          }
        }
      }
    }
    return new StaleCleanup(removed, failures);
  }

  /**
   * Removes every stale run directory: kills its processes, waits for {@code cgroup.procs} to
   * empty, rmdirs children first. The owner's liveness is checked again right before each removal.
   * A directory that cannot be removed does not stop the others: each is tried, and each failure is
   * one line of the result.
   */
  public StaleCleanup cleanupStale() throws IOException {
    List<Path> removed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (RunDirEntry run : staleRuns()) {
      if (run.owner().isAlive()) {
        continue;
      }
      try {
        MemoryCgroup.at(version(), run.path(), guard).remove();
        removed.add(run.path());
      } catch (IOException | IllegalStateException e) {
        failures.add(run.path() + ": " + e.getMessage());
      }
    }
    return new StaleCleanup(removed, failures);
  }
}
