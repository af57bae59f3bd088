package oomlab.controller.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oomlab.agent.trace.TraceEvent;

/**
 * Lookups over one trace that the charts and the event list share: events in time order (the
 * agent appends samples and kmsg reports after the fact, so file order is not time order), the
 * scenario's cgroups in creation order with their directories, task names by pid, and which
 * scenario cgroup a kernel memcg path ({@code /oomlab/run-1-x/A}) is.
 */
final class TraceIndex {
  private final List<TraceEvent> byTime;
  private final Map<String, String> cgroupDirs = new LinkedHashMap<>();
  private final Map<Long, String> taskByPid = new LinkedHashMap<>();
  private final long finishNs;

  TraceIndex(List<TraceEvent> events) {
    this.byTime = events.stream().sorted(Comparator.comparingLong(TraceEvent::t)).toList();
    long finish = -1;
    for (TraceEvent e : events) {
      switch (e) {
        case TraceEvent.CgroupCreated c -> cgroupDirs.put(c.cgroup(), c.path());
        case TraceEvent.TaskStarted s -> taskByPid.put((long) s.pid(), s.task());
        case TraceEvent.RunFinished f -> finish = f.t();
        default -> { }
      }
    }
    this.finishNs = finish;
  }

  List<TraceEvent> byTime() {
    return byTime;
  }

  /** Scenario cgroup paths ({@code A}, {@code A/B}) in the order the run created them. */
  List<String> cgroups() {
    return List.copyOf(cgroupDirs.keySet());
  }

  /** Task names in the order they started. */
  List<String> tasks() {
    return taskByPid.values().stream().distinct().toList();
  }

  /** The task a pid belonged to, or {@code pid N} for a process the run did not start. */
  String taskName(long pid) {
    return Optional.ofNullable(taskByPid.get(pid)).orElse("pid " + pid);
  }

  /** The scenario cgroup a memcg path as the kernel prints it names, if it is one of this run's. */
  Optional<String> cgroupOfMemcg(String memcg) {
    if (memcg == null || memcg.isEmpty()) return Optional.empty();
    return cgroupDirs.entrySet().stream().filter(e -> e.getValue().endsWith(memcg)).map(Map.Entry::getKey).findFirst();
  }

  /** When {@code run_finished} came, or -1 (an agent that died mid-run). */
  long finishNs() {
    return finishNs;
  }

  long endNs() {
    return byTime.isEmpty() ? 0 : byTime.getLast().t();
  }
}
