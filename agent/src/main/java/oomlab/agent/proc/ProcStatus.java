package oomlab.agent.proc;

/**
 * The facts oomlab reads from {@code /proc/PID/status} (proc(5)): the task state letter, the
 * effective uid and the effective capability set. Pure parser over the file's text.
 *
 * @param state {@code R} running, {@code S} sleeping, {@code D} uninterruptible (a task in memcg
 *     OOM with {@code oom_kill_disable} sleeps in S or D depending on the kernel), {@code T}
 *     stopped, {@code Z} zombie, ...
 * @param euid effective uid (second field of {@code Uid:})
 * @param capEff the {@code CapEff:} bit mask
 */
public record ProcStatus(char state, long euid, long capEff) {
  /** CAP_SYS_RESOURCE (include/uapi/linux/capability.h): needed to lower oom_score_adj below its min. */
  public static final int CAP_SYS_RESOURCE = 24;

  public static ProcStatus parse(String text) {
    Character state = null;
    Long euid = null;
    Long capEff = null;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).trim();
      try {
        switch (key) {
          case "State" -> state = value.charAt(0);
          case "Uid" -> euid = Long.parseLong(value.split("\\s+")[1]);
          case "CapEff" -> capEff = Long.parseUnsignedLong(value, 16);
          default -> { }
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("/proc/PID/status: malformed '" + line + "'", e);
      }
    }
    if (state == null || euid == null || capEff == null) {
      throw new IllegalArgumentException("/proc/PID/status: missing State, Uid or CapEff line");
    }
    return new ProcStatus(state, euid, capEff);
  }

  public boolean hasCapability(int cap) {
    return (capEff >>> cap & 1) != 0;
  }

  public boolean hasCapSysResource() {
    return hasCapability(CAP_SYS_RESOURCE);
  }
}
