package oomlab.agent.workload;

/**
 * Receives what workload processes do, stamped with {@link System#nanoTime()} (CLOCK_MONOTONIC)
 * when the agent saw it. Called from the launcher's reader and reaper threads: implementations
 * must be thread-safe and quick.
 */
public interface WorkloadListener {
  void reported(long nanos, WorkloadReport report);

  void exited(long nanos, String task, long pid, WorkloadExit exit);
}
