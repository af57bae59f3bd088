package oomlab.agent.workload;

/**
 * How a workload process ended: an exit code, or the signal that killed it. The codes are the
 * enum at the top of oomlab-workload.c.
 */
public record WorkloadExit(int code, int signal) {
  public static final int SIGKILL = 9;

  public static final int HELD = 0;
  public static final int USAGE = 10;
  public static final int ORPHAN = 11;
  public static final int JOIN_CGROUP = 12;
  public static final int OOM_SCORE_ADJ = 13;
  public static final int NO_START = 14;
  public static final int SETUP = 15;
  public static final int CLONE = 16;

  public static WorkloadExit ofCode(int code) {
    return new WorkloadExit(code, 0);
  }

  public static WorkloadExit ofSignal(int signal) {
    return new WorkloadExit(-1, signal);
  }

  /**
   * From {@link Process#exitValue()}: the JDK reports death by signal S as 128 + S; the workload's
   * own codes stay below 128, so the two never mix.
   */
  public static WorkloadExit ofJdkExitValue(int value) {
    return value > 128 ? ofSignal(value - 128) : ofCode(value);
  }

  /** From a wait status ({@code waitpid}), for the clones the JDK did not start. */
  public static WorkloadExit ofWaitStatus(int status) {
    int signal = status & 0x7f;
    return signal == 0 ? ofCode((status >> 8) & 0xff) : ofSignal(signal);
  }

  public boolean bySignal() {
    return signal > 0;
  }

  /** Words for a reader: {@code signal 9 (SIGKILL)}, {@code exit 13 (oom_score_adj refused)}. */
  public String describe() {
    if (bySignal()) return "signal " + signal + (signal == SIGKILL ? " (SIGKILL)" : "");
    String why = switch (code) {
      case HELD -> "released";
      case USAGE -> "bad command line";
      case ORPHAN -> "agent gone before start";
      case JOIN_CGROUP -> "joining the cgroup failed";
      case OOM_SCORE_ADJ -> "oom_score_adj refused";
      case NO_START -> "no start";
      case SETUP -> "setup failed";
      case CLONE -> "clone(CLONE_VM) failed";
      default -> "unknown";
    };
    return "exit " + code + " (" + why + ")";
  }
}
