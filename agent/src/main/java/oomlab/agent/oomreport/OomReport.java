package oomlab.agent.oomreport;

import java.util.List;
import java.util.Map;

/**
 * One OOM event as the kernel log tells it: from {@code invoked oom-killer} to the last {@code
 * Killed process} line and the reaper's lines about its victims. A rate-limited report
 * (oom_kill_process prints the header only under {@code __ratelimit(&oom_rs)}, 10 per 5 s) is an
 * event with {@link #headerMissing} and little besides its kill.
 *
 * @param time the stamp of its first line as printed (wall clock or seconds since boot), or null
 * @param uptimeSeconds seconds since boot of its first line, when printed
 * @param invoker the task in whose allocation the OOM happened, or null (rate-limited)
 * @param release the kernel release from dump_stack's {@code CPU:} line, or null
 * @param counters the OOM memcg's {@code memory:}, {@code memory+swap:}, {@code swap:}, {@code kmem:} lines
 * @param statsMemcg the memcg of {@code Memory cgroup stats for X:} (the OOM memcg), or null
 * @param ramPages show_mem's {@code pages RAM} minus {@code pages reserved} (a global report), or null
 * @param totalSwapKb show_mem's {@code Total swap}, or null
 * @param dump the task table in its order (which is the scan order of the selection), at most
 *     {@link OomReportParser#MAX_TASKS} rows
 * @param dumpColumns the table header's column names, or null when no table was printed
 * @param tasksDropped rows beyond the bound, counted, not kept
 * @param tasksState the 4.19+ {@code Tasks state (memory values in pages):} line was there
 * @param chosen the {@code Kill process ... score S or sacrifice child} line (up to 5.2), or null
 * @param kills every distinct {@code Killed process} line of the event, in order
 * @param groupMemcg the memcg of {@code Tasks in X are going to be killed due to memory.oom.group set}
 * @param alreadyExiting pids the kernel skipped as {@code already exiting}
 * @param noKillable {@code Out of memory and no killable processes...} was printed
 */
public record OomReport(String time, Double uptimeSeconds, Invoker invoker, String release, Map<String, ReportLine.MemcgCounter> counters,
    String statsMemcg, Long ramPages, Long totalSwapKb, List<DumpedTask> dump, List<String> dumpColumns, int tasksDropped,
    boolean tasksState, ReportLine.KillProcess chosen, List<Kill> kills, String groupMemcg, List<Reap> reaps,
    List<Long> alreadyExiting, boolean noKillable, boolean headerMissing, String taskInMemcg, String taskInOomMemcg,
    ReportLine.Summary summary) {

  /** The task that invoked the OOM killer: comm from the header, pid from dump_stack's line. */
  public record Invoker(String comm, Long pid, String gfpMask, String gfpFlags, int order, Integer oomScoreAdj) {}

  /** An {@code oom_reaper:} line about one of this event's victims; {@code reaped} false: unable to reap. */
  public record Reap(long pid, String comm, boolean reaped, long anonRssKb, long fileRssKb, long shmemRssKb) {}

  /** The first kill: the task the kernel chose (members of an oom.group follow it). */
  public Kill victim() {
    return kills.isEmpty() ? null : kills.getFirst();
  }

  /** The report's message ({@code Memory cgroup out of memory}, {@code Out of memory}, ...): its victim's line's, or its Kill process line's. */
  public String message() {
    Kill v = victim();
    if (v != null && v.message() != null) return v.message();
    return chosen != null ? chosen.message() : null;
  }

  /**
   * The process a kill belongs to, as far as the report shows it: a Killed line names the thread
   * find_lock_task_mm found, and a process whose leader already passed exit_mm (the victim met
   * again by the oom.group scan) is named by another thread. A kill whose pid is not in the
   * table but whose total-vm, page tables and comm equal an earlier kill's is taken for a thread
   * of that process (one mm); otherwise its own pid.
   */
  public long processOf(Kill k) {
    if (dump.stream().anyMatch(t -> t.pid() == k.pid() || t.tgid() == k.pid())) return k.pid();
    for (Kill earlier : kills) {
      if (earlier == k) break;
      if (earlier.comm().equals(k.comm()) && java.util.Objects.equals(earlier.totalVmKb(), k.totalVmKb())
          && java.util.Objects.equals(earlier.pgtablesKb(), k.pgtablesKb()) && k.totalVmKb() != null) {
        return processOf(earlier);
      }
    }
    return k.pid();
  }

  /** The memcg whose limit was hit, from the summary or {@code Task in}; null for a global OOM. */
  public String oomMemcg() {
    Kill v = victim();
    if (v != null && v.oomMemcg() != null) return v.oomMemcg();
    if (summary != null) return summary.oomMemcg();
    return taskInOomMemcg != null ? taskInOomMemcg : statsMemcg;
  }

  /** The constraint of the event: its victim's, else the summary's, else derived from the counters. */
  public String constraint() {
    Kill v = victim();
    if (v != null && v.constraint() != null) return v.constraint();
    if (summary != null) return summary.oomMemcg() != null ? "CONSTRAINT_MEMCG" : summary.constraint();
    if (counters.containsKey("memory") || taskInOomMemcg != null) return "CONSTRAINT_MEMCG";
    return ramPages != null ? "CONSTRAINT_NONE" : null;
  }

  /** What a complete report has and this one lacks: truncated input, rate limiting. */
  public List<String> missing() {
    List<String> m = new java.util.ArrayList<>();
    if (headerMissing) m.add("header (invoked oom-killer ...): rate-limited (oom_rs: 10 reports per 5 s) or before the start of the input");
    if (!headerMissing && dumpColumns == null) m.add("task table (dump_tasks): cut off, or vm.oom_dump_tasks=0");
    if (kills.isEmpty() && !noKillable && alreadyExiting.isEmpty()) m.add("Killed process line: the input ends inside the report");
    return m;
  }
}
