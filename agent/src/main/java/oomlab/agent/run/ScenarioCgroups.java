package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.MemoryCgroupV1;
import oomlab.agent.cgroup.MemoryCgroupV2;
import oomlab.agent.cgroup.RunDir;
import oomlab.model.scenario.CgroupSpec;
import oomlab.model.scenario.Scenario;

/**
 * The scenario's cgroups inside one run directory, created parents first and configured as the
 * YAML says. The one place where a scenario knob meets a cgroup file; v1/v2 differences stay in
 * {@link MemoryCgroupV1}/{@link MemoryCgroupV2} (the scenario was refused before if it asks for a
 * knob the hierarchy lacks).
 */
final class ScenarioCgroups {
  private final RunDir runDir;
  private final Map<String, MemoryCgroup> byPath = new LinkedHashMap<>();
  private final Map<String, CgroupSpec> specs = new LinkedHashMap<>();

  private ScenarioCgroups(RunDir runDir) {
    this.runDir = runDir;
  }

  /** Creates and configures every cgroup of {@code scenario}, calling {@code created} for each. */
  static ScenarioCgroups create(RunDir runDir, Scenario scenario, java.util.function.Consumer<CgroupSpec> created)
      throws IOException {
    ScenarioCgroups cgroups = new ScenarioCgroups(runDir);
    for (CgroupSpec spec : scenario.cgroups()) {
      MemoryCgroup cg = runDir.create(spec.path());
      configure(cg, spec);
      cgroups.byPath.put(spec.path(), cg);
      cgroups.specs.put(spec.path(), spec);
      created.accept(spec);
    }
    return cgroups;
  }

  private static void configure(MemoryCgroup cg, CgroupSpec spec) throws IOException {
    if (spec.limit().isPresent() && spec.swap().isPresent()) {
      cg.setLimits(spec.limit().getAsLong(), spec.swap().getAsLong());
    } else if (spec.limit().isPresent()) {
      cg.setLimit(spec.limit().getAsLong());
    }
    if (cg instanceof MemoryCgroupV1 v1 && spec.oomKillDisable()) v1.setOomKillDisable(true);
    if (cg instanceof MemoryCgroupV2 v2) {
      if (spec.oomGroup()) v2.setOomGroup(true);
      if (spec.high().isPresent()) v2.setHigh(spec.high().getAsLong());
    }
  }

  MemoryCgroup get(String path) {
    MemoryCgroup cg = byPath.get(path);
    if (cg == null) throw new IllegalArgumentException("no cgroup " + path + " in this scenario");
    return cg;
  }

  Map<String, MemoryCgroup> all() {
    return byPath;
  }

  Path procsFile(String path) {
    return get(path).path().resolve("cgroup.procs");
  }

  /** The path the kernel prints for a cgroup in OOM reports ({@code oom_memcg=/oomlab/run-.../A}). */
  Path runDirectory() {
    return runDir.path();
  }

  /**
   * A handler's raise-limit or set-limit (swap kept as the scenario set it). Below the usage, v1
   * throws {@link oomlab.bindings.NativeException.Busy} with the limit unchanged; v2 blocks while
   * the kernel OOM-kills in this thread's context, then returns.
   */
  void writeLimit(String path, long bytes) throws IOException {
    CgroupSpec spec = specs.get(path);
    MemoryCgroup cg = get(path);
    if (spec.swap().isPresent()) cg.setLimits(bytes, spec.swap().getAsLong());
    else cg.setLimit(bytes);
  }

  /** Lets every task go: no limit anywhere, OOM killer enabled (for tasks that ignore SIGKILL). */
  void release() {
    for (MemoryCgroup cg : byPath.values()) {
      try {
        if (cg instanceof MemoryCgroupV1 v1) {
          v1.setOomKillDisable(false);
          v1.setLimits(MemoryCgroup.UNLIMITED, MemoryCgroup.UNLIMITED);
        } else {
          cg.setLimit(MemoryCgroup.UNLIMITED);
        }
      } catch (IOException e) {
        // best effort: teardown reports what stays stuck
      }
    }
  }
}
