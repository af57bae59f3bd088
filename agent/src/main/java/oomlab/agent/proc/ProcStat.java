package oomlab.agent.proc;

/**
 * The facts oomlab reads from {@code /proc/PID/stat} (proc(5)): the state letter (field 3), the
 * CPU time (fields 14 and 15, clock ticks) and the start time (field 22, clock ticks after boot). Pure parser over the file's text. The command name
 * (field 2) is in parentheses and may itself contain spaces and parentheses, so the fields after it
 * are counted from the <em>last</em> {@code ')'}.
 *
 * @param state     {@code R}, {@code S}, {@code D}, {@code Z} zombie, {@code X} dead, ...
 * @param cpuTicks  fields 14 {@code utime} + 15 {@code stime}: the CPU time of every thread so far
 * @param startTime field 22 {@code starttime}: with the pid, it names one process for the machine's
 *                  uptime, as a pid alone does not once the pid is reused
 */
public record ProcStat(char state, long cpuTicks, long startTime) {
  /** USER_HZ, the unit of the clock-tick fields: 100 in the Linux ABI of every architecture oomlab runs on. */
  public static final long TICK_NANOS = 10_000_000L;
  private static final int STATE_FIELD = 3;
  private static final int UTIME_FIELD = 14;
  private static final int STIME_FIELD = 15;
  private static final int START_TIME_FIELD = 22;

  public static ProcStat parse(String text) {
    int close = text.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("/proc/PID/stat: no ')' closing the command name");
    }
    String[] fields = text.substring(close + 1).trim().split("\\s+");
    int index = START_TIME_FIELD - STATE_FIELD;
    if (fields.length <= index || fields[0].length() != 1) {
      throw new IllegalArgumentException("/proc/PID/stat: expected at least " + START_TIME_FIELD + " fields");
    }
    return new ProcStat(fields[0].charAt(0), number(fields, UTIME_FIELD, "utime") + number(fields, STIME_FIELD, "stime"),
        number(fields, START_TIME_FIELD, "starttime"));
  }

  private static long number(String[] afterComm, int field, String name) {
    String text = afterComm[field - STATE_FIELD];
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("/proc/PID/stat: field " + field + " (" + name + ") is not a number: '" + text + "'", e);
    }
  }

  /** Not a zombie and not dead: the process still runs (or sleeps). */
  public boolean alive() {
    return state != 'Z' && state != 'X';
  }
}
