package oomlab.agent.oomreport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Assembles kernel log lines, fed one at a time in log order, into {@link OomReport}s, and says
 * on each {@code Killed process} and {@code oom_reaper} line what it completes (the agent's live
 * listener needs the kill at once, not at the end of the report). Memory is bounded whatever the
 * input: at most {@link #MAX_TASKS} table rows and {@link #MAX_KILLS} kills per event, {@link
 * #MAX_PENDING} summaries waiting for their kill, {@link #WINDOW} finished events kept for reaper
 * lines. Not thread-safe.
 *
 * <p>An event starts at {@code invoked oom-killer}, or, when that was rate-limited away, at a
 * summary or kill that cannot belong to the open event (it already has a kill and no oom.group
 * is being killed). Summaries are matched to their kill by pid, as reports of concurrent OOMs can
 * interleave in a log merged from several sources.
 */
public final class OomReportParser {
  public static final int MAX_TASKS = 20_000;
  public static final int MAX_KILLS = 10_000;
  static final int MAX_PENDING = 64;
  static final int WINDOW = 4;
  private static final String MEMCG_MESSAGE = "Memory cgroup out of memory";

  /** What one line completed: a kill or a reaper line, for a live listener. */
  public sealed interface Step permits KillStep, ReapStep {}

  public record KillStep(Kill kill) implements Step {}

  public record ReapStep(OomReport.Reap reap) implements Step {}

  private final Consumer<OomReport> sink;
  private final Map<Long, ReportLine.Summary> summaries = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, ReportLine.Summary> eldest) {
      return size() > MAX_PENDING;
    }
  };
  private final ArrayDeque<Builder> recent = new ArrayDeque<>();
  private Builder open;
  private long events;

  /** @param sink receives each event once it is complete (a later event began, or {@link #finish}) */
  public OomReportParser(Consumer<OomReport> sink) {
    this.sink = sink;
  }

  /** A parser for a live listener that only wants the steps. */
  public static OomReportParser live() {
    return new OomReportParser(r -> {});
  }

  /** How many events were handed to the sink so far. */
  public long events() {
    return events;
  }

  /** Feeds one saved log line in any form {@link LogLine} knows. */
  public Optional<Step> acceptLine(String line) {
    return LogLine.of(line).flatMap(this::accept);
  }

  /** Feeds one printk message (no prefix). */
  public Optional<Step> acceptMessage(String message) {
    return accept(new LogLine(null, null, message));
  }

  public Optional<Step> accept(LogLine line) {
    Optional<ReportLine> parsed = ReportLine.parse(line.message());
    if (parsed.isEmpty()) return Optional.empty();
    return consume(parsed.get(), line);
  }

  /** Hands every event still held to the sink (end of input). */
  public void finish() {
    close();
    while (!recent.isEmpty()) emit(recent.removeFirst());
  }

  private Optional<Step> consume(ReportLine line, LogLine at) {
    switch (line) {
      case ReportLine.Invoked i -> {
        start(at, false).invoker = new OomReport.Invoker(i.comm(), null, i.gfpMask(), i.gfpFlags(), i.order(), i.oomScoreAdj());
      }
      case ReportLine.Cpu c -> {
        if (open != null && open.invoker != null && open.release == null) {
          open.release = c.release();
          open.invoker = new OomReport.Invoker(open.invoker.comm(), c.pid(), open.invoker.gfpMask(), open.invoker.gfpFlags(),
              open.invoker.order(), open.invoker.oomScoreAdj());
        }
      }
      case ReportLine.Summary s -> {
        summaries.put(s.pid(), s);
        Builder b = needsNew() ? start(at, true) : open;
        if (b.summary == null) b.summary = s;
        b.group = null;
      }
      case ReportLine.TaskIn t -> {
        Builder b = needsNew() ? start(at, true) : open;
        b.taskIn = t;
      }
      case ReportLine.MemcgCounter c -> middle(at).counters.putIfAbsent(c.name(), c);
      case ReportLine.StatsFor f -> {
        Builder b = middle(at);
        if (b.statsMemcg == null) b.statsMemcg = f.memcg();
      }
      case ReportLine.PagesRam p -> {
        if (open != null && open.kills.isEmpty()) {
          if (p.reserved()) open.reservedPages = p.pages();
          else open.ramPages = p.pages();
        }
      }
      case ReportLine.TotalSwap s -> {
        if (open != null && open.kills.isEmpty()) open.totalSwapKb = s.kb();
      }
      case ReportLine.TasksState t -> middle(at).tasksState = true;
      case ReportLine.DumpHeader h -> {
        Builder b = middle(at);
        if (b.columns == null) b.columns = h.columns();
      }
      case ReportLine.DumpRow r -> {
        if (open == null || (open.columns == null && !open.kills.isEmpty())) start(at, true);
        if (open.columns == null && open.kills.isEmpty()) {
          open.columns = DumpColumns.inferred(r);
          open.columnsInferred = open.columns != null;
        }
        if (open.columns != null && open.kills.isEmpty()) {
          DumpedTask t = DumpedTask.of(open.columns, r);
          if (t != null) {
            if (open.dump.size() < MAX_TASKS) open.dump.add(t);
            else open.tasksDropped++;
          }
        }
      }
      case ReportLine.KillProcess k -> {
        Builder b = open == null || !open.kills.isEmpty() || open.chosen != null ? start(at, true) : open;
        b.chosen = k;
      }
      case ReportLine.GroupKill g -> {
        if (open != null) open.group = g.memcg();
      }
      case ReportLine.AlreadyExiting e -> {
        if (open != null) open.alreadyExiting.add(e.pid());
      }
      case ReportLine.NoKillable n -> {
        if (open != null) open.noKillable = true;
      }
      case ReportLine.Killed k -> {
        return killed(k, at);
      }
      case ReportLine.Reaped r -> {
        var reap = new OomReport.Reap(r.pid(), r.comm(), true, r.anonRssKb(), r.fileRssKb(), r.shmemRssKb());
        attach(reap);
        return Optional.of(new ReapStep(reap));
      }
      case ReportLine.ReapFailed f -> {
        var reap = new OomReport.Reap(f.pid(), f.comm(), false, -1, -1, -1);
        attach(reap);
        return Optional.of(new ReapStep(reap));
      }
    }
    return Optional.empty();
  }

  /**
   * The event a line from the middle of a report (counters, stats, table) belongs to: the open
   * one until its kill; otherwise the input began inside a report, or its header was lost.
   */
  private Builder middle(LogLine at) {
    return open == null || !open.kills.isEmpty() ? start(at, true) : open;
  }

  /** A summary or Task-in line after the open event's kill belongs to another report. */
  private boolean needsNew() {
    return open == null || (!open.kills.isEmpty() && open.group == null);
  }

  private Optional<Step> killed(ReportLine.Killed k, LogLine at) {
    ReportLine.Summary own = summaries.remove(k.pid());
    Builder b = open;
    boolean member = b != null && b.group != null && !b.kills.isEmpty() && own == null;
    if (b == null || (!b.kills.isEmpty() && !member)) b = start(at, true);
    if (!b.killed.add(k.pid())) return Optional.empty(); // the oom.group scan kills the victim again
    if (own != null && b.summary == null) b.summary = own;
    Kill kill = resolve(k, own, b, member);
    if (b.kills.size() < MAX_KILLS) b.kills.add(kill);
    return Optional.of(new KillStep(kill));
  }

  private static Kill resolve(ReportLine.Killed k, ReportLine.Summary s, Builder b, boolean member) {
    String constraint, oom = null, task = null;
    boolean derived = false;
    if (member) {
      // memory.oom.group: members are printed without a summary of their own; they share the
      // victim's OOM (domain and constraint); their own memcg is not printed.
      Kill victim = b.kills.getFirst();
      constraint = victim.constraint();
      derived = victim.constraintDerived();
      oom = victim.oomMemcg();
      if (oom == null && MEMCG_MESSAGE.equals(message(k, b))) oom = b.group; // at or below the OOM memcg
    } else if (s != null) {
      constraint = s.constraint();
      oom = s.oomMemcg();
      task = s.taskMemcg();
      if (oom != null && "CONSTRAINT_NONE".equals(constraint)) {
        constraint = "CONSTRAINT_MEMCG"; // 5.0/5.1 printed NONE for memcg OOMs (oc->constraint unset; fixed in 5.2)
        derived = true;
      }
    } else if (b.taskIn != null) {
      constraint = "CONSTRAINT_MEMCG"; // before 4.19 "Task in" was printed only for memcg OOMs
      derived = true;
      oom = b.taskIn.oomMemcg();
      task = b.taskIn.taskMemcg();
    } else {
      constraint = constraintOf(message(k, b));
      derived = constraint != null;
    }
    return new Kill(k.pid(), k.comm(), k.message(), constraint, derived, oom, task, member, k.uid(), k.totalVmKb(),
        k.anonRssKb(), k.fileRssKb(), k.shmemRssKb(), k.pgtablesKb(), k.oomScoreAdj());
  }

  /** The report's message: the Killed line's own (5.0+), else its Kill process line's. */
  private static String message(ReportLine.Killed k, Builder b) {
    if (k.message() != null) return k.message();
    return b.chosen != null ? b.chosen.message() : null;
  }

  private static String constraintOf(String message) {
    if (message == null) return null;
    if (message.equals(MEMCG_MESSAGE)) return "CONSTRAINT_MEMCG";
    if (message.startsWith("Out of memory")) return "CONSTRAINT_NONE";
    return null;
  }

  private void attach(OomReport.Reap reap) {
    if (open != null && open.killed.contains(reap.pid())) {
      open.reaps.add(reap);
      return;
    }
    for (var it = recent.descendingIterator(); it.hasNext(); ) {
      Builder b = it.next();
      if (b.killed.contains(reap.pid())) {
        b.reaps.add(reap);
        return;
      }
    }
  }

  private Builder start(LogLine at, boolean headerMissing) {
    close();
    open = new Builder(at.time(), at.uptimeSeconds(), headerMissing);
    return open;
  }

  private void close() {
    if (open == null) return;
    recent.addLast(open);
    open = null;
    while (recent.size() > WINDOW) emit(recent.removeFirst());
  }

  private void emit(Builder b) {
    events++;
    sink.accept(b.build());
  }

  private static final class Builder {
    final String time;
    final Double uptime;
    final boolean headerMissing;
    OomReport.Invoker invoker;
    String release;
    ReportLine.Summary summary;
    ReportLine.TaskIn taskIn;
    final Map<String, ReportLine.MemcgCounter> counters = new LinkedHashMap<>();
    Long ramPages, reservedPages, totalSwapKb;
    List<String> columns;
    boolean columnsInferred;
    final List<DumpedTask> dump = new ArrayList<>();
    int tasksDropped;
    boolean tasksState;
    ReportLine.KillProcess chosen;
    final List<Kill> kills = new ArrayList<>();
    final Set<Long> killed = new HashSet<>();
    String group;
    String statsMemcg;
    final List<OomReport.Reap> reaps = new ArrayList<>();
    final List<Long> alreadyExiting = new ArrayList<>();
    boolean noKillable;

    Builder(String time, Double uptime, boolean headerMissing) {
      this.time = time;
      this.uptime = uptime;
      this.headerMissing = headerMissing;
    }

    OomReport build() {
      Long ram = ramPages == null ? null : ramPages - (reservedPages == null ? 0 : reservedPages);
      return new OomReport(time, uptime, invoker, release, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counters)), statsMemcg, ram, totalSwapKb, List.copyOf(dump),
          columns, tasksDropped, tasksState, chosen, List.copyOf(kills), group, List.copyOf(reaps), List.copyOf(alreadyExiting),
          noKillable, headerMissing, taskIn == null ? null : taskIn.taskMemcg(), taskIn == null ? null : taskIn.oomMemcg(), summary);
    }
  }
}
