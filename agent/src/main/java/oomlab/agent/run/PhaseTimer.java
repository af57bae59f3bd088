package oomlab.agent.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per phase of a run (validate, setup, launch, run, counters, teardown, derive,
 * verdicts), for {@code --verbose}: the 2 s budget of a single-hog scenario is checked with it.
 */
public final class PhaseTimer {
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private String current;
  private long since;

  /** Ends the current phase (if any) and starts {@code phase}. */
  public void start(String phase) {
    stop();
    current = phase;
    since = System.nanoTime();
  }

  public void stop() {
    if (current != null) {
      nanos.merge(current, System.nanoTime() - since, Long::sum);
      current = null;
    }
  }

  /** Milliseconds per phase, in the order the phases ran. */
  public Map<String, Double> millis() {
    Map<String, Double> ms = new LinkedHashMap<>();
    nanos.forEach((k, v) -> ms.put(k, v / 1e6));
    return ms;
  }

  /** One line: {@code setup 4.1 ms, launch 3.2 ms, ... = total 412.0 ms}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    double total = 0;
    for (var e : millis().entrySet()) {
      sb.append(e.getKey()).append(' ').append(String.format("%.1f", e.getValue())).append(" ms, ");
      total += e.getValue();
    }
    return sb.append(String.format("total %.1f ms", total)).toString();
  }
}
