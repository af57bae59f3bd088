package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One run's directory below the agent root, {@code run-<ownerPid>-<suffix>}, and the scenario
 * cgroups in it. Scenario paths ({@code A}, {@code A/B}) are relative to it; {@code ..}, absolute
 * paths, empty or odd names are refused before anything is touched. Closing removes the whole
 * directory (killing what is left in it).
 */
public final class RunDir implements AutoCloseable {
  private final MemoryCgroup dir;

  RunDir(MemoryCgroup dir) {
    this.dir = dir;
  }

  /** The run directory itself (limits set here bound the whole run). */
  public MemoryCgroup cgroup() {
    return dir;
  }

  public Path path() {
    return dir.path();
  }

  /** The cgroup at scenario path {@code relative} (not created). */
  public MemoryCgroup get(String relative) throws CgroupWriteRefusedException {
    MemoryCgroup c = dir;
    for (String name : segments(relative)) {
      c = c.child(name);
    }
    return c;
  }

  /** Creates the cgroup at scenario path {@code relative}, creating missing parents first. */
  public MemoryCgroup create(String relative) throws IOException {
    MemoryCgroup c = dir;
    for (String name : segments(relative)) {
      MemoryCgroup next = c.child(name);
      c = next.exists() ? next : c.createChild(name);
    }
    return c;
  }

  /**
   * Splits a scenario path into cgroup names. A name is {@code [A-Za-z0-9_][A-Za-z0-9_-]*}: no
   * dots, so no {@code ..} and no clash with control files ({@code memory.max}, {@code
   * cgroup.procs}); no leading slash, so no absolute path.
   */
  String[] segments(String relative) throws CgroupWriteRefusedException {
    if (relative.isEmpty() || relative.startsWith("/") || relative.endsWith("/")) {
      throw new CgroupWriteRefusedException(dir.path().resolve(relative), "scenario cgroup path '" + relative + "' must be relative, like A/B");
    }
    String[] names = relative.split("/");
    for (String name : names) {
      if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_-]*")) {
        throw new CgroupWriteRefusedException(dir.path().resolve(relative),
            "scenario cgroup path '" + relative + "' has an invalid name '" + name + "' (allowed: letters, digits, _ and -)");
      }
    }
    return names;
  }

  /** Removes the run directory and everything in it. */
  @Override
  public void close() throws IOException {
    dir.remove();
  }
}
