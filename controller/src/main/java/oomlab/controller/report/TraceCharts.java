package oomlab.controller.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import oomlab.agent.trace.TraceEvent;

/**
 * The charts of one run: one per cgroup (its sampled usage, its limit as a dashed line, the OOM
 * notifications it got and the kernel's kills in it, with the victim's name), then one of the
 * tasks' own allocation totals with every kill, exit, block and handler action. The tasks get a
 * chart of their own because the trace says which cgroup a task charged only for kernel victims
 * ({@code task_memcg}); putting the others in a guessed cgroup would draw a wrong story.
 */
final class TraceCharts {
  static final String USAGE_COLOR = "#0f766e";
  static final String LIMIT_COLOR = "#b91c1c";
  static final String PEAK_COLOR = "#5eead4";
  private static final String[] TASK_COLORS = {"#2563eb", "#db2777", "#059669", "#9333ea", "#ea580c", "#0891b2", "#65a30d", "#a16207"};

  private TraceCharts() {}

  static List<Chart> of(TraceIndex index) {
    List<Chart> charts = new ArrayList<>();
    for (String cgroup : index.cgroups()) charts.add(cgroupChart(index, cgroup));
    if (!index.tasks().isEmpty()) charts.add(taskChart(index));
    return charts;
  }

  static String taskColor(int i) {
    return TASK_COLORS[i % TASK_COLORS.length];
  }

  private static Chart cgroupChart(TraceIndex index, String cgroup) {
    List<Chart.Point> usage = new ArrayList<>();
    List<Chart.Point> limit = new ArrayList<>();
    List<Chart.Point> peak = new ArrayList<>();
    List<Chart.Mark> marks = new ArrayList<>();
    Map<String, String> victimCgroup = new LinkedHashMap<>();
    for (TraceEvent e : index.byTime()) {
      switch (e) {
        // a new memcg charges nothing: the line starts at zero, not at the first sample
        case TraceEvent.CgroupCreated c when c.cgroup().equals(cgroup) -> usage.add(new Chart.Point(c.t(), 0));
        case TraceEvent.CgroupUsage u when u.cgroup().equals(cgroup) -> {
          usage.add(new Chart.Point(u.t(), u.usage()));
          if (u.limit() != null) limit.add(new Chart.Point(u.t(), u.limit()));
          if (u.peak() != null) peak.add(new Chart.Point(u.t(), u.peak()));
        }
        case TraceEvent.OomNotified n when n.cgroup().equals(cgroup) ->
            marks.add(new Chart.Mark(n.t(), Chart.MarkKind.NOTIFIED, "notified (" + n.source().label() + ")"));
        case TraceEvent.KernelOomKill k -> {
          Optional<String> oomIn = index.cgroupOfMemcg(k.oomMemcg());
          Optional<String> victimIn = index.cgroupOfMemcg(k.taskMemcg());
          String victim = EventText.victim(k, index);
          victimIn.ifPresent(c -> victimCgroup.put(victim, c));
          if (oomIn.filter(cgroup::equals).isPresent() || victimIn.filter(cgroup::equals).isPresent()) {
            boolean here = oomIn.filter(cgroup::equals).isPresent();
            marks.add(new Chart.Mark(k.t(), Chart.MarkKind.KILLED, "OOM kill: " + victim
                + (here ? "" : " (OOM in " + oomIn.orElse("?") + ")")));
          }
        }
        case TraceEvent.TaskExited x when cgroup.equals(victimCgroup.get(x.task())) ->
            marks.add(new Chart.Mark(x.t(), Chart.MarkKind.EXITED, x.task() + " exited"));
        default -> { }
      }
    }
    List<Chart.Series> series = new ArrayList<>();
    // Samples come every few tens of ms and can miss the moment of the OOM; the kernel's high-water
    // mark does not, so its last reading is drawn across the chart as a reference line.
    if (!peak.isEmpty()) {
      long max = peak.stream().mapToLong(Chart.Point::bytes).max().orElseThrow();
      series.add(new Chart.Series("peak " + Html.bytes(max) + " (high-water mark)", PEAK_COLOR,
          List.of(new Chart.Point(0, max), new Chart.Point(index.endNs(), max)), false, false, false));
    }
    // the limit after the peak: when usage reached the limit the two coincide, and the limit is the one to see
    if (!limit.isEmpty()) {
      limit.add(new Chart.Point(index.endNs(), limit.getLast().bytes()));
      limit.addFirst(new Chart.Point(0, limit.getFirst().bytes()));
      series.add(new Chart.Series("limit", LIMIT_COLOR, limit, true, true, false));
    }
    series.add(new Chart.Series("usage (samples)", USAGE_COLOR, usage, false, false, true));
    return new Chart("cgroup " + cgroup, series, marks, index.endNs(), index.finishNs());
  }

  private static Chart taskChart(TraceIndex index) {
    Map<String, List<Chart.Point>> allocated = new LinkedHashMap<>();
    index.tasks().forEach(t -> allocated.put(t, new ArrayList<>()));
    List<Chart.Mark> marks = new ArrayList<>();
    for (TraceEvent e : index.byTime()) {
      switch (e) {
        case TraceEvent.TaskStarted s -> points(allocated, s.task()).add(new Chart.Point(s.t(), 0));
        case TraceEvent.TaskAllocated a -> points(allocated, a.task()).add(new Chart.Point(a.t(), a.bytes()));
        case TraceEvent.TaskExited x -> {
          // an exited task holds nothing: its line drops to zero
          points(allocated, x.task()).add(new Chart.Point(x.t(), 0));
          marks.add(new Chart.Mark(x.t(), Chart.MarkKind.EXITED, x.task() + " exited"));
        }
        case TraceEvent.KernelOomKill k ->
            marks.add(new Chart.Mark(k.t(), Chart.MarkKind.KILLED, "OOM kill: " + EventText.victim(k, index)));
        case TraceEvent.TaskBlocked b -> marks.add(new Chart.Mark(b.t(), Chart.MarkKind.BLOCKED, b.task() + " blocked"));
        case TraceEvent.TaskEnomem n -> marks.add(new Chart.Mark(n.t(), Chart.MarkKind.BLOCKED, n.task() + " ENOMEM"));
        case TraceEvent.HandlerAction h -> marks.add(new Chart.Mark(h.t(), Chart.MarkKind.HANDLER, h.action()));
        default -> { }
      }
    }
    List<Chart.Series> series = new ArrayList<>();
    int i = 0;
    for (var entry : allocated.entrySet()) {
      series.add(new Chart.Series(entry.getKey(), taskColor(i++), entry.getValue(), true, false, false));
    }
    return new Chart("tasks: bytes allocated", series, marks, index.endNs(), index.finishNs());
  }

  private static List<Chart.Point> points(Map<String, List<Chart.Point>> allocated, String task) {
    return allocated.computeIfAbsent(Objects.requireNonNull(task), t -> new ArrayList<>());
  }
}
