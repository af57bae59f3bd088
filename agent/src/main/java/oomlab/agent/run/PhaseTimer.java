package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import oomlab.agent.proc.ProcStat;

/**
 * Time per phase of a run (validate, environment, setup, launch, run, counters, teardown, derive,
 * verdicts), for {@code --verbose} and {@code summary.json}: wall time, and the CPU time the whole
 * process spent in it (every thread: the phases' own, the warm-up, JIT compilers, GC, listener
 * and readers). On an idle machine the wall time is what a user waits; on a loaded one it is
 * mostly waiting for a CPU, and the CPU time is what the code costs (wall >= cpu / 2 on 2 cores).
 */
public final class PhaseTimer {
  private final Map<String, Long> wall = new LinkedHashMap<>();
  private final Map<String, Long> cpu = new LinkedHashMap<>();
  private String current;
  private long since;
  private long cpuSince;

  /** Ends the current phase (if any) and starts {@code phase}. */
  public void start(String phase) {
    stop();
    current = phase;
    since = System.nanoTime();
    cpuSince = processCpuNanos();
  }

  public void stop() {
    if (current != null) {
      wall.merge(current, System.nanoTime() - since, Long::sum);
      cpu.merge(current, processCpuNanos() - cpuSince, Long::sum);
      current = null;
    }
  }

  /**
   * From /proc/self/stat, read with plain Java: no management framework (0.4 s of a TCG guest
   * agent's start) and no FFM binding, whose initialization the guest makes on a background
   * thread while this timer's first phase loads the scenarios.
   */
  private static long processCpuNanos() {
    try {
      return ProcStat.parse(Files.readString(Path.of("/proc/self/stat"))).cpuTicks() * ProcStat.TICK_NANOS;
    } catch (IOException | IllegalArgumentException e) {
      return 0; // a timer is no reason to fail a run
    }
  }

  /** Wall milliseconds per phase, in the order the phases ran. */
  public Map<String, Double> millis() {
    return toMillis(wall);
  }

  /** CPU milliseconds of the process (all threads), per phase. */
  public Map<String, Double> cpuMillis() {
    return toMillis(cpu);
  }

  private static Map<String, Double> toMillis(Map<String, Long> nanos) {
    Map<String, Double> ms = new LinkedHashMap<>();
    nanos.forEach((k, v) -> ms.put(k, v / 1e6));
    return ms;
  }

  /** {@code setup 4.1 ms (cpu 2.0), ..., total 412.0 ms (cpu 200.1)}. */
  public static String describe(Map<String, Double> wallMs, Map<String, Double> cpuMs) {
    StringBuilder sb = new StringBuilder();
    wallMs.forEach((phase, ms) -> sb.append(String.format("%s %.1f ms (cpu %.1f), ", phase, ms, cpuMs.getOrDefault(phase, 0.0))));
    double total = wallMs.values().stream().mapToDouble(Double::doubleValue).sum();
    double totalCpu = cpuMs.values().stream().mapToDouble(Double::doubleValue).sum();
    return sb.append(String.format("total %.1f ms (cpu %.1f)", total, totalCpu)).toString();
  }
}
