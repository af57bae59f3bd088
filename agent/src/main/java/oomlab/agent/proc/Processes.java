package oomlab.agent.proc;

import java.io.IOException;
import java.nio.file.Path;
import oomlab.agent.io.KernelFile;

/** Signals and liveness of processes the agent did not necessarily start (members of a cgroup). */
public final class Processes {
  private Processes() {}

  /**
   * SIGKILL {@code pid}; a process already gone is not an error. Never the agent itself: a cgroup
   * the agent removes must not contain it (the {@code WriteGuard} keeps it out of its own cgroup).
   */
  public static void kill(long pid) {
    if (pid == ProcessHandle.current().pid()) {
      throw new IllegalStateException("refusing to SIGKILL the agent itself (pid " + pid + ")");
    }
    // ProcessHandle.destroyForcibly sends SIGKILL after checking the start time, so a pid reused
    // between reading cgroup.procs and here is not hit.
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** Alive: {@code /proc/PID} exists and the task is not a zombie (exited, not yet reaped). */
  public static boolean isAlive(long pid) {
    try {
      char state = ProcStatus.parse(KernelFile.read(Path.of("/proc", Long.toString(pid), "status"))).state();
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }
}
