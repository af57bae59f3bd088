package oomlab.controller.bench;

import java.io.IOException;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.RunDir;
import oomlab.model.scenario.CgroupVersion;

/**
 * The one memcg a benchmark OOMs in: {@code <agent root>/run-<pid>-bench-<name>/hog} with a limit,
 * on the hierarchy holding the memory controller (v1 here, v2 in a guest), following the run
 * directory conventions so that a killed benchmark is cleaned up like a killed run. Closing
 * removes it, killing what is left.
 */
final class BenchCgroup implements AutoCloseable {
  private final RunDir run;
  private final MemoryCgroup hog;

  private BenchCgroup(RunDir run, MemoryCgroup hog) {
    this.run = run;
    this.hog = hog;
  }

  static BenchCgroup create(String name, long limitBytes) throws IOException {
    AgentRoot root = AgentRoot.open();
    root.cleanupStale().failures().forEach(l -> System.err.println("oomlab bench: stale run left: " + l));
    RunDir run = root.createRun("bench-" + name);
    try {
      MemoryCgroup hog = run.create("hog");
      hog.setLimit(limitBytes);
      return new BenchCgroup(run, hog);
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  MemoryCgroup cgroup() {
    return hog;
  }

  /** A second memcg beside {@code hog}, {@code <run>/<name>}, with the same kind of limit; removed with the run. */
  MemoryCgroup sibling(String name, long limitBytes) throws IOException {
    MemoryCgroup c = run.create(name);
    c.setLimit(limitBytes);
    return c;
  }

  CgroupVersion version() {
    return hog.version();
  }

  @Override
  public void close() throws IOException {
    run.close();
  }
}
