package oomlab.agent.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oomlab.agent.io.KernelFile;

/**
 * The process that owns something oomlab left on the machine (a run directory below the agent root,
 * a tmpfs): its pid and its start time ({@code /proc/PID/stat} field 22). Names carry both,
 * {@code <prefix><pid>-<startTime>.<suffix>}, so that a pid reused by a stranger after the owner
 * died does not make the owner look alive forever. Suffixes never contain a dot, so the dot tells a
 * new name from an old one, {@code <prefix><pid>-<suffix>}, whose owner is known by pid alone.
 *
 * @param startTime empty for a name of the old form
 */
public record RunOwner(long pid, OptionalLong startTime) {
  private static final Pattern WITH_START = Pattern.compile("(\\d+)-(\\d+)\\.(.+)");
  private static final Pattern PID_ONLY = Pattern.compile("(\\d+)-(.+)");
  private static final String SUFFIX = "[A-Za-z0-9_-]+";

  /** This JVM, read once. */
  public static RunOwner current() {
    return Current.OWNER;
  }

  /** {@code <prefix><pid>-<startTime>.<suffix>}; {@code suffix} is {@code [A-Za-z0-9_-]+}. */
  public String name(String prefix, String suffix) {
    if (!suffix.matches(SUFFIX)) {
      throw new IllegalArgumentException("run suffix must match " + SUFFIX + ", got '" + suffix + "'");
    }
    return prefix + pid + "-" + startTime.orElseThrow() + "." + suffix;
  }

  /** The owner named by {@code name} if it is {@code <prefix><pid>-<startTime>.<suffix>} or {@code <prefix><pid>-<suffix>}. */
  public static Optional<RunOwner> parse(String prefix, String name) {
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = name.substring(prefix.length());
    Matcher m = WITH_START.matcher(rest);
    if (m.matches() && m.group(3).matches(SUFFIX)) {
      return Optional.of(new RunOwner(Long.parseLong(m.group(1)), OptionalLong.of(Long.parseLong(m.group(2)))));
    }
    m = PID_ONLY.matcher(rest);
    return m.matches() ? Optional.of(new RunOwner(Long.parseLong(m.group(1)), OptionalLong.empty())) : Optional.empty();
  }

  /**
   * True if the owner still runs: {@code /proc/PID} exists, is not a zombie, and (for a name with a
   * start time) was started at that time, i.e. is the same process and not a later one with its pid.
   */
  public boolean isAlive() {
    try {
      ProcStat stat = ProcStat.parse(KernelFile.read(Path.of("/proc", Long.toString(pid), "stat")));
      return stat.alive() && (startTime.isEmpty() || startTime.getAsLong() == stat.startTime());
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static final class Current {
    static final RunOwner OWNER = read();

    private static RunOwner read() {
      long pid = ProcessHandle.current().pid();
      try {
        long start = ProcStat.parse(KernelFile.read(Path.of("/proc", Long.toString(pid), "stat"))).startTime();
        return new RunOwner(pid, OptionalLong.of(start));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("reading this JVM's own /proc/" + pid + "/stat", e);
      }
    }
  }
}
