package oomlab.agent.kmsg;

import java.util.List;
import java.util.Optional;

/**
 * One report the kernel printed about itself (not about a workload): a WARN, a BUG or Oops, a
 * lockdep splat, a lockup, a hung task, an RCU stall, a KASAN/KFENCE/UBSAN report.
 *
 * @param kind what the header line says it is
 * @param lines the header and the lines after it, up to the report's end marker or a cap
 */
public record KernelProblem(Kind kind, List<String> lines) {
  public enum Kind {
    WARNING("warning"), BUG("bug"), OOPS("oops"), LOCKDEP("lockdep"), SOFT_LOCKUP("soft-lockup"),
    HARD_LOCKUP("hard-lockup"), HUNG_TASK("hung-task"), RCU_STALL("rcu-stall"), KASAN("kasan"), KFENCE("kfence"),
    UBSAN("ubsan");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public KernelProblem {
    lines = List.copyOf(lines);
  }

  /**
   * The kind of problem a kmsg line starts, or empty for any other line. The headers are the
   * kernel's own (6.1 to 7.x): {@code __warn} prints "WARNING: CPU: N PID: N at ...", lockdep
   * "WARNING: possible circular locking dependency detected" and its siblings, {@code
   * watchdog_timer_fn} "BUG: soft lockup - CPU#N stuck", {@code check_hung_task} "INFO: task
   * X:N blocked for more than N seconds.", {@code print_other_cpu_stall} "rcu: INFO: rcu_preempt
   * detected stalls on CPUs/tasks:".
   */
  public static Optional<Kind> header(String line) {
    String l = line.strip();
    if (l.startsWith("BUG: KASAN:") || l.startsWith("KASAN:")) return Optional.of(Kind.KASAN);
    if (l.startsWith("BUG: KFENCE:")) return Optional.of(Kind.KFENCE);
    if (l.startsWith("UBSAN:")) return Optional.of(Kind.UBSAN);
    if (l.contains("BUG: soft lockup")) return Optional.of(Kind.SOFT_LOCKUP);
    if (l.contains("Watchdog detected hard LOCKUP")) return Optional.of(Kind.HARD_LOCKUP);
    if (l.startsWith("INFO: task ") && l.contains(" blocked for more than ")) return Optional.of(Kind.HUNG_TASK);
    if (l.contains("detected stalls on CPUs/tasks") || l.contains("self-detected stall on CPU")
        || l.contains("detected expedited stalls")) return Optional.of(Kind.RCU_STALL);
    if (l.startsWith("WARNING: CPU: ")) return Optional.of(Kind.WARNING);
    // Every other "WARNING: " header is lockdep's (circular or recursive locking, inconsistent
    // lock state, suspicious RCU usage, bad unlock balance, held lock freed).
    if (l.startsWith("WARNING: ") || l.startsWith("INFO: possible ")) return Optional.of(Kind.LOCKDEP);
    if (l.startsWith("Oops") || l.startsWith("general protection fault")) return Optional.of(Kind.OOPS);
    if (l.startsWith("BUG: ") || l.startsWith("kernel BUG at ")) return Optional.of(Kind.BUG);
    return Optional.empty();
  }

  /** Whether a line ends a report ("---[ end trace ...]---", printed after a WARN, BUG or Oops). */
  static boolean isEnd(String line) {
    return line.strip().startsWith("---[ end trace");
  }
}
