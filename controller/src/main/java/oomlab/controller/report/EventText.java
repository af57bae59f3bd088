package oomlab.controller.report;

import java.util.Optional;
import oomlab.agent.trace.TraceEvent;

/**
 * The words for the trace events a person looks for in a report: one line each for the event list,
 * and a short label for chart marks. Allocation steps and counter samples have no line (they are
 * the charts' lines); everything that changes the story does.
 */
final class EventText {
  private EventText() {}

  /** A line for the event list, or empty for events that are only chart data. */
  static Optional<String> line(TraceEvent event, TraceIndex index) {
    return Optional.ofNullable(switch (event) {
      case TraceEvent.RunStarted r -> "run started: " + r.scenario() + " on " + r.kernel() + " (" + r.cgroupVersion().label() + ", " + r.target() + ")";
      case TraceEvent.TaskStarted s -> "task " + s.task() + " started (pid " + s.pid()
          + (s.cgroup() == null ? "" : ", cgroup " + s.cgroup()) + ")";
      case TraceEvent.TaskEnomem e -> "task " + e.task() + ": ENOMEM at " + Html.bytes(e.bytes()) + ", holds on";
      case TraceEvent.OomNotified n -> "OOM notification for " + n.cgroup() + " (" + n.source().label() + ", count " + n.count() + ")";
      case TraceEvent.OomControl c when c.underOom() -> "memory.oom_control of " + c.cgroup() + ": under_oom 1";
      case TraceEvent.KernelOomKill k -> "kernel OOM kill: " + victim(k, index) + " (pid " + k.pid() + ", comm " + k.comm()
          + ", anon-rss " + k.anonRssKb() + " kB" + (k.oomScoreAdj() == null ? "" : ", oom_score_adj " + k.oomScoreAdj())
          + "), OOM in " + memcg(k.oomMemcg(), index) + ", victim in " + memcg(k.taskMemcg(), index);
      case TraceEvent.KernelOomReaped r -> "oom_reaper reaped " + index.taskName(r.pid()) + ": anon-rss " + r.anonRssKb()
          + " kB, file-rss " + r.fileRssKb() + " kB, shmem-rss " + r.shmemRssKb() + " kB left";
      case TraceEvent.TaskExited x -> "task " + x.task() + " exited: " + exit(x);
      case TraceEvent.TaskBlocked b -> "task " + b.task() + " blocked: " + b.state();
      case TraceEvent.HandlerStarted h -> "handler " + h.handler() + ": " + h.action() + " (write started)";
      case TraceEvent.HandlerAction h -> "handler " + h.handler() + ": " + h.action() + (h.error() == null ? "" : " FAILED: " + h.error());
      case TraceEvent.RunFinished f -> "run finished: " + f.reason().label() + " (later events are teardown)";
      default -> null;
    });
  }

  /** The task a kill hit, by its scenario name. */
  static String victim(TraceEvent.KernelOomKill kill, TraceIndex index) {
    return index.taskName(kill.pid());
  }

  static String exit(TraceEvent.TaskExited x) {
    String how = x.signal() != null ? (x.signal() == 9 ? "SIGKILL" : "signal " + x.signal()) : "exit code " + x.exitCode();
    return how + (x.killedBy() == null ? "" : " by " + x.killedBy().label());
  }

  private static String memcg(String memcg, TraceIndex index) {
    if (memcg == null) return "?";
    return index.cgroupOfMemcg(memcg).orElse(memcg);
  }
}
