package oomlab.agent.kmsg;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a kernel OOM report that name the victim and the memcgs, each a separate kmsg
 * record. {@link #parse} is a pure function of one message (prefixes stripped by {@link
 * #messageOf}); anything else, including a recognised line that is truncated or has a number out
 * of range, is {@link Optional#empty()}: the kernel log is shared with everything else on the
 * machine and a stray line must never stop a listener.
 */
public sealed interface OomReportLine {

  /** {@code <comm> invoked oom-killer: gfp_mask=...}: the first line of every report (all kernels). */
  record Invoked(String comm) implements OomReportLine {}

  /**
   * 4.19+ one-line summary (dump_oom_summary / mem_cgroup_print_oom_context): {@code
   * oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/A,task_memcg=/A/B,task=tail,pid=3602,uid=0}.
   * A global OOM prints {@code global_oom} instead of {@code oom_memcg=...}: oomMemcg is then null.
   */
  record Summary(String constraint, String oomMemcg, String taskMemcg, String task, long pid, long uid) implements OomReportLine {}

  /** Before 4.19: {@code Task in /A/B killed as a result of limit of /A} (mem_cgroup_print_oom_info). */
  record TaskIn(String taskMemcg, String oomMemcg) implements OomReportLine {}

  /**
   * {@code [Memory cgroup out of memory: ]Killed process 3602 (tail) total-vm:18540kB,
   * anon-rss:15616kB, file-rss:1460kB, shmem-rss:0kB, UID:0 pgtables:80kB oom_score_adj:0}.
   * The message prefix appears since 5.0 (4.x printed it on a separate "Kill process ... or
   * sacrifice child" line), shmem-rss since 4.6, UID/pgtables/oom_score_adj since 5.1-5.9;
   * missing parts are null.
   */
  record Killed(String message, long pid, String comm, long totalVmKb, long anonRssKb, long fileRssKb,
      Long shmemRssKb, Integer oomScoreAdj) implements OomReportLine {}

  /** {@code oom_reaper: reaped process 3602 (tail), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB} (4.6+). */
  record Reaped(long pid, String comm, long anonRssKb, long fileRssKb, long shmemRssKb) implements OomReportLine {}

  /** v2 {@code Tasks in /A are going to be killed due to memory.oom.group set} (4.19+). */
  record GroupKill(String memcg) implements OomReportLine {}

  Pattern INVOKED = Pattern.compile("^(.*) invoked oom-killer: .*");
  Pattern SUMMARY = Pattern.compile(
      "^oom-kill:constraint=(?<constraint>[A-Z_]+),nodemask=.*?(?:,cpuset=.*?,mems_allowed=.*?)?"
          + ",(?:global_oom|oom_memcg=(?<oom>.*?)),task_memcg=(?<taskmemcg>.*?)"
          + ",task=(?<task>.*),pid=\\s*(?<pid>\\d+),uid=\\s*(?<uid>\\d+)$");
  Pattern TASK_IN = Pattern.compile("^Task in (?<task>.+?) killed as a result of limit of (?<oom>.+)$");
  Pattern KILLED = Pattern.compile(
      "^(?:(?<msg>.+?): )?Killed process (?<pid>\\d+)(?:, UID \\d+,)? \\((?<comm>.*?)\\) total-vm:(?<vm>\\d+)kB"
          + ", anon-rss:(?<anon>\\d+)kB, file-rss:(?<file>\\d+)kB(?:, shmem-rss:(?<shmem>\\d+)kB)?"
          + "(?:.*? oom_score_adj:(?<adj>-?\\d+))?.*$");
  Pattern REAPED = Pattern.compile(
      "^oom_reaper: reaped process (?<pid>\\d+) \\((?<comm>.*?)\\), now anon-rss:(?<anon>\\d+)kB"
          + ", file-rss:(?<file>\\d+)kB, shmem-rss:(?<shmem>\\d+)kB.*$");
  Pattern GROUP = Pattern.compile("^Tasks in (?<memcg>.+) are going to be killed due to memory\\.oom\\.group set$");

  /** The line, if it is one of the report lines above. */
  static Optional<OomReportLine> parse(String message) {
    try {
      return Optional.ofNullable(parseOrNull(message));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a number beyond long/int range: not a line the kernel wrote
    }
  }

  private static OomReportLine parseOrNull(String message) {
    Matcher m;
    if ((m = SUMMARY.matcher(message)).matches()) {
      return new Summary(m.group("constraint"), m.group("oom"), m.group("taskmemcg"), m.group("task"),
          Long.parseLong(m.group("pid")), Long.parseLong(m.group("uid")));
    }
    if ((m = KILLED.matcher(message)).matches()) {
      return new Killed(m.group("msg"), Long.parseLong(m.group("pid")), m.group("comm"), Long.parseLong(m.group("vm")),
          Long.parseLong(m.group("anon")), Long.parseLong(m.group("file")),
          m.group("shmem") == null ? null : Long.parseLong(m.group("shmem")),
          m.group("adj") == null ? null : Integer.parseInt(m.group("adj")));
    }
    if ((m = TASK_IN.matcher(message)).matches()) {
      return new TaskIn(m.group("task"), m.group("oom"));
    }
    if ((m = REAPED.matcher(message)).matches()) {
      return new Reaped(Long.parseLong(m.group("pid")), m.group("comm"), Long.parseLong(m.group("anon")),
          Long.parseLong(m.group("file")), Long.parseLong(m.group("shmem")));
    }
    if ((m = GROUP.matcher(message)).matches()) {
      return new GroupKill(m.group("memcg"));
    }
    if ((m = INVOKED.matcher(message)).matches()) {
      return new Invoked(m.group(1));
    }
    return null;
  }

  Pattern KMSG_PREFIX = Pattern.compile("^\\d+,\\d+,\\d+,[^;]*;");
  Pattern SYSLOG_PREFIX = Pattern.compile("^.*? kernel: ");
  Pattern DMESG_TIME = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\]\\s?");

  /**
   * The printk message of a line as any tool shows it: a raw /dev/kmsg record ({@code
   * 6,460,294356909,-;...}), a syslog line ({@code Nov 30 02:53:56 host kernel: [ 818.35] ...}) or
   * {@code dmesg} output ({@code [  294.356909] ...}).
   */
  static String messageOf(String line) {
    String s = line.stripTrailing();
    Matcher kmsg = KMSG_PREFIX.matcher(s);
    if (kmsg.find()) {
      return s.substring(kmsg.end());
    }
    Matcher syslog = SYSLOG_PREFIX.matcher(s);
    if (syslog.find()) {
      s = s.substring(syslog.end());
    }
    Matcher time = DMESG_TIME.matcher(s);
    return time.find() ? s.substring(time.end()) : s;
  }
}
