package oomlab.agent.kmsg;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Combines the lines of OOM reports, fed one kmsg message at a time in log order, into {@link
 * KernelOomKill}s. A report is {@code invoked oom-killer} ... (4.19+: the {@code oom-kill:} summary,
 * before: {@code Task in X killed as a result of limit of Y}) ... {@code Killed process}; the kill
 * is emitted on the {@code Killed process} line, which every kernel prints last. Reports of
 * different memcgs can interleave (printk is not atomic across CPUs), so 4.19+ summaries are
 * matched to their kill by pid. Not thread-safe: one per kmsg reader.
 */
public final class OomReportAssembler {
  private static final int MAX_PENDING = 64;
  private static final String MEMCG_MESSAGE = "Memory cgroup out of memory";

  /** Summaries waiting for their Killed line, by pid; bounded, oldest dropped first. */
  private final Map<Long, OomReportLine.Summary> summaries = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, OomReportLine.Summary> eldest) {
      return size() > MAX_PENDING;
    }
  };
  private OomReportLine.TaskIn taskIn;
  private OomReportLine.Summary lastSummary;
  /**
   * The {@code memory.oom.group} line of the current report: only after it are Killed lines without
   * a summary of their own group members. oom_kill_process prints the header and summary only
   * {@code if (__ratelimit(&oom_rs))} (10 per 5 s), so a Killed line may also be a whole report.
   */
  private OomReportLine.GroupKill groupKill;
  /** Pids already reported killed in the current report (the oom.group scan kills the victim again). */
  private final Set<Long> killedInReport = new HashSet<>();

  /** Feeds one kmsg record; returns the kill or reap it completes. */
  public Optional<KernelOomEvent> accept(KmsgRecord record) {
    return acceptMessage(record.message());
  }

  /** Feeds one log line in any of the forms {@link OomReportLine#messageOf} knows. */
  public Optional<KernelOomEvent> acceptLine(String line) {
    return acceptMessage(OomReportLine.messageOf(line));
  }

  /** Feeds one printk message (no prefix). */
  public Optional<KernelOomEvent> acceptMessage(String message) {
    return OomReportLine.parse(message).flatMap(this::consume);
  }

  private Optional<KernelOomEvent> consume(OomReportLine line) {
    switch (line) {
      case OomReportLine.Invoked i -> {
        taskIn = null; // a new report starts: the old one's context no longer applies
        lastSummary = null;
        groupKill = null;
        killedInReport.clear();
      }
      case OomReportLine.Summary s -> {
        summaries.put(s.pid(), s);
        lastSummary = s;
        groupKill = null;
      }
      case OomReportLine.TaskIn t -> taskIn = t;
      case OomReportLine.GroupKill g -> groupKill = g;
      case OomReportLine.Reaped r -> {
        return Optional.of(new OomReaperReaped(r.pid(), r.comm(), r.anonRssKb(), r.fileRssKb(), r.shmemRssKb()));
      }
      case OomReportLine.Killed k -> {
        return killedInReport.add(k.pid()) ? Optional.of(kill(k)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private KernelOomKill kill(OomReportLine.Killed k) {
    OomReportLine.Summary s = summaries.remove(k.pid());
    if (s != null) {
      return new KernelOomKill(k.pid(), k.comm(), s.oomMemcg(), s.taskMemcg(), s.constraint(), k.anonRssKb(), k.oomScoreAdj());
    }
    if (taskIn != null) {
      // Before 4.19 "Task in" was printed only for memcg OOMs, once per report.
      KernelOomKill kill = new KernelOomKill(k.pid(), k.comm(), taskIn.oomMemcg(), taskIn.taskMemcg(), "CONSTRAINT_MEMCG",
          k.anonRssKb(), k.oomScoreAdj());
      taskIn = null;
      return kill;
    }
    if (groupKill != null) {
      // memory.oom.group: members killed after the victim get no summary of their own; the OOM
      // domain is the report's (or, rate-limited, at least the group's), the member's own memcg
      // is not printed.
      String domain = lastSummary != null ? lastSummary.oomMemcg() : groupKill.memcg();
      String constraint = lastSummary != null ? lastSummary.constraint() : "CONSTRAINT_MEMCG";
      return new KernelOomKill(k.pid(), k.comm(), domain, null, constraint, k.anonRssKb(), k.oomScoreAdj());
    }
    // A rate-limited report: the Killed line alone. An older report's summary says nothing of it.
    lastSummary = null;
    String constraint = MEMCG_MESSAGE.equals(k.message()) ? "CONSTRAINT_MEMCG" : null;
    return new KernelOomKill(k.pid(), k.comm(), null, null, constraint, k.anonRssKb(), k.oomScoreAdj());
  }
}
