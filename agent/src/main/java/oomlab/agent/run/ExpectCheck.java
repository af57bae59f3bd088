package oomlab.agent.run;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.Expect;

/**
 * Holds a real outcome against a scenario's {@code expect:} block. Each named task must be in the
 * named set; a task named nowhere may go either way (real kernels race, DESIGN section 3).
 */
public final class ExpectCheck {
  private ExpectCheck() {}

  /** One line per task that is not where the expectation puts it; empty when it holds. */
  public static List<String> differences(Expect expect, Outcome outcome) {
    List<String> diffs = new ArrayList<>();
    check("killed", expect.killed(), outcome.killed(), outcome, diffs);
    check("survived", expect.survived(), outcome.survived(), outcome, diffs);
    check("blocked", expect.blocked(), outcome.blocked(), outcome, diffs);
    return diffs;
  }

  private static void check(String set, List<String> expected, List<String> real, Outcome outcome, List<String> diffs) {
    for (String task : expected) {
      if (!real.contains(task)) diffs.add("expected " + task + " " + set + ", but it " + fateOf(task, outcome));
    }
  }

  /** {@code was killed}, {@code survived}, {@code was blocked}, or {@code never ran}. */
  static String fateOf(String task, Outcome outcome) {
    if (outcome.killed().contains(task)) return "was killed";
    if (outcome.blocked().contains(task)) return "was blocked";
    if (outcome.survived().contains(task)) return "survived";
    return "neither survived nor was killed (it exited on its own)";
  }
}
