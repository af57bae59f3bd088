package oomlab.agent.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oomlab.model.scenario.TaskSpec;

/**
 * One workload process to launch: a scenario task, the {@code cgroup.procs} file it joins, and the
 * tasks that share its mm ({@code shareMm}), which the process makes itself with clone(CLONE_VM).
 */
public record WorkloadSpec(TaskSpec task, Path cgroupProcs, List<WorkloadSpec> sharingMm) {

  public WorkloadSpec {
    sharingMm = List.copyOf(sharingMm);
    for (WorkloadSpec clone : sharingMm) {
      // A clone shares the TLS of the thread that made it: it cannot start pthreads of its own.
      if (clone.task().threads() != 1 || !clone.sharingMm().isEmpty()) {
        throw new IllegalArgumentException("task " + clone.task().name()
            + ": a shareMm task runs as one thread and shares no further mm");
      }
    }
  }

  public WorkloadSpec(TaskSpec task, Path cgroupProcs) {
    this(task, cgroupProcs, List.of());
  }

  /** The command line of DESIGN's workload program (see oomlab-workload.c's header). */
  public List<String> command(Path binary, long parentPid, Path tmpfsDir) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(),
        "--name", task.name(), "--parent", Long.toString(parentPid), "--procs", cgroupProcs.toString(),
        "--adj", Integer.toString(task.oomScoreAdj()), "--allocate", Long.toString(task.allocate()),
        "--step", Long.toString(task.step()), "--mode", task.mode().label(),
        "--threads", Integer.toString(task.threads()), "--tmpfs-dir", tmpfsDir.toString()));
    for (WorkloadSpec clone : sharingMm) {
      TaskSpec c = clone.task();
      cmd.add("--clone");
      cmd.add("name=" + c.name() + ",procs=" + clone.cgroupProcs() + ",adj=" + c.oomScoreAdj()
          + ",allocate=" + c.allocate() + ",step=" + c.step() + ",mode=" + c.mode().label());
    }
    return cmd;
  }
}
