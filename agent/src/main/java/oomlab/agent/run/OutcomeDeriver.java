package oomlab.agent.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oomlab.agent.trace.TraceEvent;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;

/**
 * Derives the comparable {@link Outcome} of a run from its trace, and from nothing else: a pure
 * function, so a recorded {@code trace.jsonl} always yields the same {@code outcome.json}.
 *
 * <p>Only what happened before {@code run_finished} counts: the kills of the teardown are the
 * agent cleaning up, not the experiment. Every map of the outcome names every cgroup the run
 * created (0 / false where nothing happened), so outcomes of runs of one scenario always have the
 * same keys.
 * <ul>
 *   <li>killed: tasks that died by a signal during the run (the kernel's OOM killer, or a
 *       handler's {@code kill}); killOrder orders them by the kernel's report when there is one
 *       (printed at the kill), else by their exit. A process sharing an mm
 *       ({@code task_started.shareMm}) that the kernel killed without a report of its own was
 *       SIGKILLed by the {@code __oom_kill_process} of a process of that mm, which prints one
 *       report for the victim only: it is ordered at the first report of its mm, after the victim (7.2 v2 shared-mm: victim {@code b} reported, {@code other} reported 30 ms
 *       later, the sharer {@code a} exiting 200 ms after that came out last);</li>
 *   <li>blocked: tasks reported {@code task_blocked}; survived: started, alive at the end, not
 *       blocked; a task that exited by itself (a setup failure) is in neither;</li>
 *   <li>notifications: the last {@code oom_notified} count per cgroup;</li>
 *   <li>events: v2 the last {@code memory_events} read (hierarchical counters); v1 {@code oom} =
 *       the eventfd notifications, {@code oom_kill} = the last {@code oom_control} read (v1 counts
 *       locally), {@code oom_group_kill} 0;</li>
 *   <li>underOomSeen: some {@code oom_control} read showed {@code under_oom 1};</li>
 *   <li>overcharged: some {@code cgroup_usage} read showed usage or peak above the limit in
 *       force (a forced charge); reads of a cgroup from the start of an accepted
 *       {@code set-limit} of it on are left out (its usage and peak may sit above the new limit
 *       by design);</li>
 *   <li>handlers: per limit-writing handler ({@code raise-limit}, {@code set-limit}), the
 *       {@code handler_action} result, or {@code pending} when only its {@code handler_started}
 *       came before the end of the run.</li>
 * </ul>
 */
public final class OutcomeDeriver {
  private OutcomeDeriver() {}

  public static Outcome derive(List<TraceEvent> trace) {
    TraceEvent.RunStarted started = null;
    Set<String> cgroups = new LinkedHashSet<>();
    Set<String> tasks = new LinkedHashSet<>();
    Map<String, Long> killedAt = new LinkedHashMap<>();
    Map<Integer, Long> kernelReportAt = new HashMap<>();
    Map<String, Integer> pidOf = new HashMap<>();
    Map<String, String> mmOf = new HashMap<>();
    long lastReport = Long.MIN_VALUE;
    Map<Integer, Integer> reportSeq = new HashMap<>();
    Set<String> killedByKernel = new HashSet<>();
    Set<String> exited = new LinkedHashSet<>();
    Set<String> blocked = new LinkedHashSet<>();
    Set<String> enomem = new LinkedHashSet<>();
    Map<String, Integer> notifications = new HashMap<>();
    Map<String, MemoryEventCounts> v2Events = new HashMap<>();
    Map<String, Long> v1OomKills = new HashMap<>();
    Set<String> underOom = new LinkedHashSet<>();
    List<TraceEvent.CgroupUsage> usage = new ArrayList<>();
    Map<Integer, String> writes = new TreeMap<>();
    Map<Integer, Long> writeStarted = new HashMap<>();
    Map<String, Long> limitSetFrom = new HashMap<>();

    for (TraceEvent event : trace) {
      if (event instanceof TraceEvent.RunFinished) break;
      switch (event) {
        case TraceEvent.RunStarted s -> started = s;
        case TraceEvent.CgroupCreated c -> cgroups.add(c.cgroup());
        case TraceEvent.TaskStarted s -> {
          tasks.add(s.task());
          pidOf.put(s.task(), s.pid());
          mmOf.put(s.task(), s.shareMm() != null ? s.shareMm() : s.task());
        }
        case TraceEvent.TaskExited x -> {
          exited.add(x.task());
          pidOf.putIfAbsent(x.task(), x.pid());
          if (x.signal() != null) killedAt.put(x.task(), x.t());
          if (x.killedBy() == TraceEvent.Killer.KERNEL) killedByKernel.add(x.task());
        }
        case TraceEvent.KernelOomKill k -> {
          // Reports come in kmsg order; their stamps can tie or step back by a microsecond (one
          // printk timestamp for a whole oom.group walk, 5.10 v2 oom-group-spares-minus-1000: the
          // walk's "other" stamped 1.3 us before the victim "big"), so a report is never earlier
          // than the one before it.
          lastReport = Math.max(lastReport, k.t());
          if (kernelReportAt.putIfAbsent(k.pid(), lastReport) == null) reportSeq.put(k.pid(), reportSeq.size());
        }
        case TraceEvent.TaskBlocked b -> blocked.add(b.task());
        case TraceEvent.TaskEnomem m -> enomem.add(m.task());
        case TraceEvent.OomNotified n -> notifications.merge(n.cgroup(), (int) n.count(), Math::max);
        case TraceEvent.MemoryEvents m -> v2Events.put(m.cgroup(), new MemoryEventCounts(
            m.counters().getOrDefault("oom", 0L), m.counters().getOrDefault("oom_kill", 0L),
            m.counters().getOrDefault("oom_group_kill", 0L)));
        case TraceEvent.CgroupUsage u -> usage.add(u);
        case TraceEvent.HandlerStarted h -> {
          if (!writesLimit(h.action())) break;
          writes.put(h.handler(), PENDING);
          writeStarted.put(h.handler(), h.t());
        }
        case TraceEvent.HandlerAction h -> {
          if (!writesLimit(h.action())) break;
          String result = h.result() != null ? h.result() : h.error() == null ? Outcome.WRITE_OK : "error";
          writes.put(h.handler(), result);
          if (result.equals(Outcome.WRITE_OK) && h.action().startsWith("set-limit ")) {
            limitSetFrom.merge(h.action().split(" ")[1], writeStarted.getOrDefault(h.handler(), h.t()), Math::min);
          }
        }
        case TraceEvent.OomControl c -> {
          v1OomKills.put(c.cgroup(), c.oomKill());
          if (c.underOom()) underOom.add(c.cgroup());
        }
        default -> { }
      }
    }
    if (started == null) throw new IllegalArgumentException("trace has no run_started event");
    Set<String> overcharged = new LinkedHashSet<>();
    for (TraceEvent.CgroupUsage u : usage) {
      if (u.t() >= limitSetFrom.getOrDefault(u.cgroup(), Long.MAX_VALUE)) continue;
      if (u.limit() != null && Math.max(u.usage(), u.peak() == null ? 0 : u.peak()) > u.limit()) overcharged.add(u.cgroup());
    }

    Map<String, Long> killAt = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (String task : killedAt.keySet()) {
      Long own = kernelReportAt.get(pidOf.get(task));
      if (own != null) reported.add(task);
      killAt.put(task, own != null ? own : killedByKernel.contains(task)
          ? sharerKill(task, killedAt.get(task), mmOf, pidOf, kernelReportAt) : killedAt.get(task));
    }
    List<String> killOrder = new ArrayList<>(killedAt.keySet());
    killOrder.sort(Comparator.<String>comparingLong(killAt::get).thenComparing(task -> !reported.contains(task))
        .thenComparingInt(task -> reportSeq.getOrDefault(pidOf.get(task), Integer.MAX_VALUE)));
    List<String> survived = tasks.stream().filter(t -> !exited.contains(t) && !blocked.contains(t)).toList();

    Map<String, Integer> notified = new LinkedHashMap<>();
    Map<String, MemoryEventCounts> events = new LinkedHashMap<>();
    Map<String, Boolean> overchargedSeen = new LinkedHashMap<>();
    Map<String, Boolean> underOomSeen = new LinkedHashMap<>();
    for (String cg : cgroups) {
      int n = notifications.getOrDefault(cg, 0);
      notified.put(cg, n);
      events.put(cg, v2Events.getOrDefault(cg, v1OomKills.containsKey(cg)
          ? new MemoryEventCounts(n, v1OomKills.get(cg), 0) : MemoryEventCounts.ZERO));
      overchargedSeen.put(cg, overcharged.contains(cg));
      underOomSeen.put(cg, underOom.contains(cg));
    }
    return new Outcome(started.scenario(), started.kernel(), started.cgroupVersion(),
        List.copyOf(killedAt.keySet()), killOrder, survived, List.copyOf(blocked), List.copyOf(enomem),
        notified, events, overchargedSeen, underOomSeen, writes);
  }

  /**
   * When a kernel-killed task without a report of its own was killed: at the first report of a
   * process sharing its mm ({@code __oom_kill_process} prints the victim's report, then SIGKILLs
   * every process of the victim's mm; the report may be read after the sharer's exit), else at its
   * exit.
   */
  private static long sharerKill(String task, long exit, Map<String, String> mmOf, Map<String, Integer> pidOf,
      Map<Integer, Long> kernelReportAt) {
    String mm = mmOf.get(task);
    Long first = null;
    for (var e : mmOf.entrySet()) {
      if (mm == null || e.getKey().equals(task) || !e.getValue().equals(mm)) continue;
      Long report = kernelReportAt.get(pidOf.get(e.getKey()));
      if (report != null && (first == null || report < first)) first = report;
    }
    return first != null ? first : exit;
  }

  /** What a limit write that had not returned at the end of the run reads as. */
  static final String PENDING = "pending";

  /** A handler action in the scenario grammar that writes a limit. */
  private static boolean writesLimit(String action) {
    return action.startsWith("raise-limit ") || action.startsWith("set-limit ");
  }
}
