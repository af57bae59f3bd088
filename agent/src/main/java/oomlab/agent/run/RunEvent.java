package oomlab.agent.run;

import oomlab.agent.kmsg.KernelOomKill;
import oomlab.agent.kmsg.OomReaperReaped;
import oomlab.agent.listen.OomEvent;
import oomlab.agent.workload.WorkloadExit;
import oomlab.agent.workload.WorkloadReport;

/**
 * What the runner's event loop consumes: everything the workload readers, the OOM listener and the
 * kmsg reader see, funnelled through one queue so that one thread owns the run's state and the
 * trace. {@code nanos} is System.nanoTime when it was seen.
 */
sealed interface RunEvent {
  long nanos();

  record Reported(long nanos, WorkloadReport report) implements RunEvent {}

  record Exited(long nanos, String task, long pid, WorkloadExit exit) implements RunEvent {}

  record Notified(long nanos, OomEvent event) implements RunEvent {}

  record KernelKilled(long nanos, KernelOomKill kill) implements RunEvent {}

  /** The oom_reaper's report on a victim (any process: the loop keeps only its own tasks). */
  record KernelReaped(long nanos, OomReaperReaped reaped) implements RunEvent {}

  /** The writer thread is about to write a handler's limit. */
  record LimitWriteStarted(long nanos, int handler) implements RunEvent {}

  /**
   * A handler's limit write returned.
   *
   * @param result {@code ok}, the errno name, or {@code error} for a failure without errno
   * @param error  the failure's message, or null
   */
  record LimitWritten(long nanos, int handler, String result, String error) implements RunEvent {}

  /** A listener or reader thread failed: the run cannot be trusted and ends with an error. */
  record Failed(long nanos, String what, Exception cause) implements RunEvent {}
}
