package oomlab.agent.oomreport;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kernel log message as a saved log shows it, its prefixes taken off: a raw /dev/kmsg record
 * ({@code 6,460,294356909,-;msg}), syslog and journal lines ({@code Nov 30 02:53:56 host kernel:
 * msg}, ISO stamps, {@code journalctl -o short-monotonic}), {@code dmesg} ({@code [  294.356909]
 * msg}), {@code dmesg -T} ({@code [Tue Jan  5 10:00:00 2021] msg}), {@code dmesg --time-format
 * iso}, {@code dmesg -r} / console levels ({@code <6>}), {@code dmesg -x} facilities ({@code kern
 * :info  : }) and printk caller ids ({@code [ T9185]}), in any combination the tools produce.
 *
 * <p>A line that carries a syslog tag other than {@code kernel} is a userspace program's line
 * (node-problem-detector, kubelet, a log shipper) even when it quotes a kernel message: {@link
 * #of} refuses it. A line without any prefix is taken as a bare message (text pasted from a
 * report); the report patterns are anchored at its start, so a quote inside other text (a
 * {@code kubectl get events} row) matches nothing. Markdown quote marks ({@code > }) that tickets put
 * before pasted lines are taken off first.
 *
 * @param time the stamp as printed (wall clock or seconds since boot), or null
 * @param uptimeSeconds seconds since boot when the line carried them (kmsg µs, dmesg), or null
 * @param message the printk message
 */
public record LogLine(String time, Double uptimeSeconds, String message) {
  private static final Pattern KMSG = Pattern.compile("^(\\d+),(\\d+),(\\d+),[^;]*;");
  private static final String MONTH_DAY_TIME = "[A-Z][a-z]{2} [ 0-9]?\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?";
  private static final String ISO = "\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?";
  /** {@code STAMP HOST TAG[PID]: } with a syslog or journal stamp, or journalctl's {@code [  12.3] HOST TAG:}. */
  private static final Pattern SYSLOG = Pattern.compile(
      "^(?<stamp>(?:[A-Z][a-z]{2} )?" + MONTH_DAY_TIME + "(?: \\d{4})?|" + ISO + "|\\[\\s*\\d+\\.\\d+\\]) (?<host>\\S+) (?<tag>[^\\s:\\[]+)(?:\\[\\d+\\])?: ");
  private static final Pattern LEVEL = Pattern.compile("^<\\d{1,3}>");
  private static final Pattern FACILITY = Pattern.compile("^[a-z]+\\s*:[a-z]+\\s*: ");
  private static final Pattern UPTIME = Pattern.compile("^\\[\\s*(\\d+\\.\\d+)\\]");
  private static final Pattern CTIME = Pattern.compile("^\\[(?:[A-Z][a-z]{2} )?[A-Z][a-z]{2} [ 0-9]?\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\\]");
  private static final Pattern ISO_TIME = Pattern.compile("^" + ISO + "(?= )");
  private static final Pattern CALLER = Pattern.compile("^\\[\\s*[TC]\\d+\\]");

  /** The message of a line, or empty when the line is a userspace program's or has no text. */
  public static Optional<LogLine> of(String line) {
    String s = stripEnd(line);
    while (s.startsWith(">")) s = s.substring(s.startsWith("> ") ? 2 : 1); // a ticket's markdown quote
    Matcher m = KMSG.matcher(s);
    if (m.find()) {
      long usec = Long.parseLong(m.group(3).length() > 18 ? "0" : m.group(3));
      String rest = s.substring(m.end());
      Matcher caller = CALLER.matcher(rest); // never in a record's text, but cheap to allow
      return Optional.of(new LogLine(null, usec / 1e6, caller.find() ? trimOne(rest.substring(caller.end())) : rest));
    }
    String time = null;
    Double uptime = null;
    m = SYSLOG.matcher(s);
    if (m.find()) {
      if (!m.group("tag").equals("kernel")) return Optional.empty();
      time = m.group("stamp");
      s = s.substring(m.end());
    }
    if ((m = LEVEL.matcher(s)).find()) s = s.substring(m.end());
    if ((m = FACILITY.matcher(s)).find()) s = s.substring(m.end());
    if ((m = UPTIME.matcher(s)).find()) {
      uptime = Double.parseDouble(m.group(1));
      if (time == null || time.startsWith("[")) time = m.group(1);
      s = s.substring(m.end());
    } else if ((m = CTIME.matcher(s)).find()) {
      time = m.group().substring(1, m.group().length() - 1);
      s = s.substring(m.end());
    } else if (time == null && (m = ISO_TIME.matcher(s)).find()) {
      time = m.group();
      s = s.substring(m.end());
    }
    if ((m = CALLER.matcher(s.stripLeading())).find()) s = s.stripLeading().substring(m.end());
    if (time != null && time.startsWith("[")) time = time.substring(1, time.length() - 1).strip();
    return Optional.of(new LogLine(time, uptime, time != null || uptime != null ? trimOne(s) : s));
  }

  /** The printk message of a line, whatever its prefix; the line itself when it has none. */
  public static String messageOf(String line) {
    return of(line).map(LogLine::message).orElse("");
  }

  private static String trimOne(String s) {
    return s.startsWith(" ") ? s.substring(1) : s;
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n' || s.charAt(end - 1) == ' ')) end--;
    return s.substring(0, end);
  }
}
