package oomlab.agent.oomreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a kernel OOM report, one printk message each, in every form mm/oom_kill.c and
 * mm/memcontrol.c printed them from 2.6.32 to 7.x. {@link #parse} is a pure function of one
 * message ({@link LogLine} takes the prefixes off); anything else, including a recognised line
 * that is truncated or has a number out of range, is empty: the kernel log is shared with
 * everything else on the machine and a stray line must never stop a reader.
 */
public sealed interface ReportLine {

  /**
   * dump_header's first line: {@code tail invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0,
   * oom_score_adj=0}; 4.x adds {@code nodemask=}, 2.6.32 {@code oom_adj=} (all kernels).
   */
  record Invoked(String comm, String gfpMask, String gfpFlags, int order, Integer oomScoreAdj) implements ReportLine {}

  /** dump_stack's {@code CPU: 1 PID: 120 Comm: head Not tainted 5.10.0-32-amd64 #1} (3.x: {@code Pid: 2376, comm: ...}). */
  record Cpu(long pid, String comm, String release) implements ReportLine {}

  /**
   * 4.19+ summary (dump_oom_summary / mem_cgroup_print_oom_context): {@code
   * oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/A,task_memcg=/A/B,task=tail,pid=3602,uid=0}.
   * A global OOM prints {@code global_oom} instead of {@code oom_memcg=...}: oomMemcg is then null.
   */
  record Summary(String constraint, String oomMemcg, String taskMemcg, String task, long pid, long uid) implements ReportLine {}

  /** 2.6.3x-4.18 memcg OOMs: {@code Task in /A/B killed as a result of limit of /A} (mem_cgroup_print_oom_info). */
  record TaskIn(String taskMemcg, String oomMemcg) implements ReportLine {}

  /**
   * Up to 5.2, the chosen task before a child could be sacrificed for it: {@code Memory cgroup out
   * of memory: Kill process 2376 (mal-80) score 1000 or sacrifice child} (2.6.32: {@code kill
   * process ... or a child}); score is points * 1000 / totalpages.
   */
  record KillProcess(String message, long pid, String comm, long score) implements ReportLine {}

  /**
   * {@code [Memory cgroup out of memory: ]Killed process 3602 (tail) total-vm:18540kB,
   * anon-rss:15616kB, file-rss:1460kB, shmem-rss:0kB, UID:0 pgtables:80kB oom_score_adj:0}; RHEL 7
   * prints {@code Killed process 42421 (comm), UID 0, total-vm:...}, 2.6.32 {@code vsz:} for
   * total-vm, the oldest kernels the pid and comm only. Missing parts are null.
   */
  record Killed(String message, long pid, String comm, Long uid, Long totalVmKb, Long anonRssKb, Long fileRssKb,
      Long shmemRssKb, Long pgtablesKb, Integer oomScoreAdj) implements ReportLine {}

  /** {@code oom_reaper: reaped process 3602 (tail), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB} (4.6+). */
  record Reaped(long pid, String comm, long anonRssKb, long fileRssKb, long shmemRssKb) implements ReportLine {}

  /** {@code oom_reaper: unable to reap pid:3602 (tail)}: the reaper gave up (mmap_lock held). */
  record ReapFailed(long pid, String comm) implements ReportLine {}

  /** v2 {@code Tasks in /A are going to be killed due to memory.oom.group set} (4.19+). */
  record GroupKill(String memcg) implements ReportLine {}

  /** {@code memory: usage 16384kB, limit 16384kB, failcnt 312}; also {@code memory+swap}, {@code swap}, {@code kmem}. */
  record MemcgCounter(String name, long usageKb, long limitKb, long failcnt) implements ReportLine {}

  /** {@code Memory cgroup stats for /A:} (the OOM memcg's; 3.x prints one per memcg below it, the first is the OOM memcg). */
  record StatsFor(String memcg) implements ReportLine {}

  /** {@code 262014 pages RAM}, {@code 4368 pages reserved} (show_mem). */
  record PagesRam(long pages, boolean reserved) implements ReportLine {}

  /** {@code Total swap = 0kB} (show_swap_cache_info). */
  record TotalSwap(long kb) implements ReportLine {}

  /** {@code Tasks state (memory values in pages):}, printed since 4.19 before the table header. */
  record TasksState() implements ReportLine {}

  /** The task table's header: {@code [  pid  ]   uid  tgid total_vm      rss ... oom_score_adj name}. */
  record DumpHeader(List<String> columns) implements ReportLine {}

  /** A task table row: {@code [    121]     0   121     4633     4295    73728        0             0 tail}. */
  record DumpRow(long pid, List<Long> numbers, String rest) implements ReportLine {}

  /** {@code Out of memory: OOM victim 3602 (tail) is already exiting. Skip killing the task} (4.19+). */
  record AlreadyExiting(long pid, String comm) implements ReportLine {}

  /** {@code Out of memory and no killable processes...}: a global OOM found no victim. */
  record NoKillable() implements ReportLine {}

  /**
   * oom_kill_process's message: {@code Memory cgroup out of memory}, {@code Out of memory}, {@code
   * Out of memory (oom_kill_allocating_task)}: words, no digits or quotes, so that text around a
   * quoted line (a JSON field, a kubectl column) is not taken for it.
   */
  String MESSAGE = "[A-Z][a-z]+(?: [a-z]+)*(?: \\([a-z_]+\\))?";
  Pattern INVOKED = Pattern.compile("^(?<comm>.*?) invoked oom-killer: gfp_mask=(?<gfp>0x[0-9a-fA-F*]+)(?:\\((?<flags>[^)]*)\\))?"
      + "(?:, nodemask=[^,]*)?,\\s+order=(?<order>-?\\d+)(?:, oom_adj=-?\\d+)?(?:, oom_score_adj=(?<adj>-?\\d+))?.*$");
  /** The comm is up to 15 bytes and may hold spaces; "Kdump: loaded" (RHEL) and the taint flags sit before the release. */
  Pattern CPU = Pattern.compile("^(?:CPU: \\d+ (?:UID: \\d+ )?PID: (?<pid>\\d+) Comm: |Pid: (?<pid2>\\d+), comm: )(?<comm>.*?)"
      + "(?: Kdump: loaded)? (?:Not tainted|Tainted: .*?) +(?<rel>\\d+\\.\\d+[^\\s]*)(?:\\s.*)?$");
  Pattern SUMMARY = Pattern.compile(
      "^oom-kill:constraint=(?<constraint>[A-Z_]+),nodemask=.*?(?:,cpuset=.*?,mems_allowed=.*?)?"
          + ",(?:global_oom|oom_memcg=(?<oom>.*?)),task_memcg=(?<taskmemcg>.*?)"
          + ",task=(?<task>.*),pid=\\s*(?<pid>\\d+),uid=\\s*(?<uid>\\d+)$");
  Pattern TASK_IN = Pattern.compile("^Task in (?<task>.+?) killed as a result of limit of (?<oom>.+)$");
  Pattern KILL_PROCESS = Pattern.compile(
      "^(?<msg>" + MESSAGE + "): [Kk]ill process (?<pid>\\d+) \\((?<comm>.*)\\) score (?<score>-?\\d+) or (?:sacrifice child|a child)$");
  Pattern KILLED = Pattern.compile(
      "^(?:(?<msg>" + MESSAGE + "): )?Killed process (?<pid>\\d+) \\((?<comm>.*?)\\)(?:, UID (?<uid0>\\d+),)? (?:total-vm|vsz):(?<vm>\\d+)kB"
          + ", anon-rss:(?<anon>\\d+)kB, file-rss:(?<file>\\d+)kB(?:, shmem-rss:(?<shmem>\\d+)kB)?"
          + "(?:,? UID:(?<uid>\\d+))?(?: pgtables:(?<pgt>\\d+)kB)?(?: oom_score_adj:(?<adj>-?\\d+))?\\s*$");
  Pattern KILLED_BARE = Pattern.compile("^(?:(?<msg>" + MESSAGE + "): )?Killed process (?<pid>\\d+) \\((?<comm>.*)\\)$");
  Pattern REAPED = Pattern.compile(
      "^oom_reaper: reaped process (?<pid>\\d+) \\((?<comm>.*?)\\),? now anon-rss:(?<anon>\\d+)kB"
          + ", file-rss:(?<file>\\d+)kB, shmem-rss:(?<shmem>\\d+)kB.*$");
  Pattern REAP_FAILED = Pattern.compile("^oom_reaper: unable to reap pid:(?<pid>\\d+) \\((?<comm>.*)\\)$");
  Pattern GROUP = Pattern.compile("^Tasks in (?<memcg>.+) are going to be killed due to memory\\.oom\\.group set$");
  Pattern COUNTER = Pattern.compile(
      "^(?<name>memory|memory\\+swap|swap|kmem|kmem\\.tcp|tcpmem): usage (?<usage>\\d+)kB, limit (?<limit>\\d+)kB, failcnt (?<fail>\\d+)$");
  Pattern STATS_FOR = Pattern.compile("^Memory cgroup stats for (?<memcg>[^:]+):.*$");
  Pattern PAGES_RAM = Pattern.compile("^(?<n>\\d+) pages (?<what>RAM|reserved)$");
  Pattern TOTAL_SWAP = Pattern.compile("^Total swap = (?<kb>\\d+)kB$");
  Pattern DUMP_HEADER = Pattern.compile("^\\[\\s*pid\\s*\\]\\s+(?<cols>uid\\s+tgid\\s+total_vm\\s+rss\\s.*\\bname)$");
  Pattern DUMP_ROW = Pattern.compile("^\\[\\s*(?<pid>\\d+)\\]\\s+(?<rest>-?\\d.*)$");
  Pattern EXITING = Pattern.compile("^.*?: OOM victim (?<pid>\\d+) \\((?<comm>.*)\\) is already exiting\\. Skip killing the task$");

  /** The line, if it is one of the report lines above. */
  static Optional<ReportLine> parse(String message) {
    if (message == null || message.length() < 8) return Optional.empty();
    try {
      return Optional.ofNullable(parseOrNull(message));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a number beyond long/int range: not a line the kernel wrote
    }
  }

  private static ReportLine parseOrNull(String message) {
    Matcher m;
    char c = message.charAt(0);
    if (c == '[') {
      if ((m = DUMP_ROW.matcher(message)).matches()) return row(Long.parseLong(m.group("pid")), m.group("rest"));
      if ((m = DUMP_HEADER.matcher(message)).matches()) return new DumpHeader(List.of(m.group("cols").trim().split("\\s+")));
      return null;
    }
    if (message.startsWith("oom-kill:") && (m = SUMMARY.matcher(message)).matches()) {
      return new Summary(m.group("constraint"), m.group("oom"), m.group("taskmemcg"), m.group("task"),
          Long.parseLong(m.group("pid")), Long.parseLong(m.group("uid")));
    }
    if (message.contains("Killed process ")) {
      if ((m = KILLED.matcher(message)).matches()) {
        return new Killed(m.group("msg"), Long.parseLong(m.group("pid")), m.group("comm"),
            m.group("uid") != null ? Long.valueOf(m.group("uid")) : m.group("uid0") != null ? Long.valueOf(m.group("uid0")) : null,
            Long.parseLong(m.group("vm")), Long.parseLong(m.group("anon")), Long.parseLong(m.group("file")),
            longOrNull(m.group("shmem")), longOrNull(m.group("pgt")),
            m.group("adj") == null ? null : Integer.parseInt(m.group("adj")));
      }
      if ((m = KILLED_BARE.matcher(message)).matches()) {
        return new Killed(m.group("msg"), Long.parseLong(m.group("pid")), m.group("comm"), null, null, null, null, null, null, null);
      }
      return null;
    }
    if ((m = KILL_PROCESS.matcher(message)).matches()) {
      return new KillProcess(m.group("msg"), Long.parseLong(m.group("pid")), m.group("comm"), Long.parseLong(m.group("score")));
    }
    if (message.startsWith("Task in ") && (m = TASK_IN.matcher(message)).matches()) return new TaskIn(m.group("task"), m.group("oom"));
    if (message.startsWith("oom_reaper: ")) {
      if ((m = REAPED.matcher(message)).matches()) {
        return new Reaped(Long.parseLong(m.group("pid")), m.group("comm"), Long.parseLong(m.group("anon")),
            Long.parseLong(m.group("file")), Long.parseLong(m.group("shmem")));
      }
      if ((m = REAP_FAILED.matcher(message)).matches()) return new ReapFailed(Long.parseLong(m.group("pid")), m.group("comm"));
      return null;
    }
    if (message.startsWith("Tasks ")) {
      if ((m = GROUP.matcher(message)).matches()) return new GroupKill(m.group("memcg"));
      if (message.equals("Tasks state (memory values in pages):")) return new TasksState();
      return null;
    }
    if ((m = COUNTER.matcher(message)).matches()) {
      return new MemcgCounter(m.group("name"), Long.parseLong(m.group("usage")), Long.parseLong(m.group("limit")), Long.parseLong(m.group("fail")));
    }
    if (message.startsWith("Memory cgroup stats for ") && (m = STATS_FOR.matcher(message)).matches()) return new StatsFor(m.group("memcg"));
    if ((m = PAGES_RAM.matcher(message)).matches()) return new PagesRam(Long.parseLong(m.group("n")), m.group("what").equals("reserved"));
    if ((m = TOTAL_SWAP.matcher(message)).matches()) return new TotalSwap(Long.parseLong(m.group("kb")));
    if (message.startsWith("CPU: ") || message.startsWith("Pid: ")) {
      if ((m = CPU.matcher(message)).matches()) {
        String pid = m.group("pid") != null ? m.group("pid") : m.group("pid2");
        return new Cpu(Long.parseLong(pid), m.group("comm"), m.group("rel"));
      }
      return null;
    }
    if (message.equals("Out of memory and no killable processes...")) return new NoKillable();
    if (message.contains(" is already exiting. Skip killing the task") && (m = EXITING.matcher(message)).matches()) {
      return new AlreadyExiting(Long.parseLong(m.group("pid")), m.group("comm"));
    }
    if (message.contains(" invoked oom-killer: ") && (m = INVOKED.matcher(message)).matches()) {
      return new Invoked(m.group("comm"), m.group("gfp"), m.group("flags"), Integer.parseInt(m.group("order")),
          m.group("adj") == null ? null : Integer.valueOf(m.group("adj")));
    }
    return null;
  }

  private static DumpRow row(long pid, String rest) {
    String[] tokens = rest.trim().split("\\s+");
    List<Long> numbers = new ArrayList<>();
    int i = 0;
    for (; i < tokens.length; i++) {
      if (!isNumber(tokens[i])) break;
      numbers.add(Long.parseLong(tokens[i]));
    }
    if (numbers.size() < 4) return null;
    return new DumpRow(pid, List.copyOf(numbers), rest);
  }

  private static boolean isNumber(String t) {
    int start = t.startsWith("-") ? 1 : 0;
    if (t.length() == start || t.length() - start > 18) return false;
    for (int i = start; i < t.length(); i++) if (t.charAt(i) < '0' || t.charAt(i) > '9') return false;
    return true;
  }

  private static Long longOrNull(String s) {
    return s == null ? null : Long.valueOf(s);
  }
}
