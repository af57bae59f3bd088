package oomlab.model.outcome;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.scenario.Expect;

/**
 * Holds a scenario's {@code expect:} against a real outcome: the runner exits 1 when this returns
 * anything, printing the lines.
 */
public final class ExpectationCheck {
  private ExpectationCheck() {}

  /**
   * One line per task whose fate differs from the expectation, e.g. {@code big: expected killed,
   * was survived}, in the order of the expect lists, then one per limit write whose result differs,
   * e.g. {@code handlers[0]: expected EBUSY, was ok}; empty when the outcome meets it.
   */
  public static List<String> failures(Expect expect, Outcome outcome) {
    List<String> out = new ArrayList<>();
    check("killed", expect.killed(), outcome, out);
    check("survived", expect.survived(), outcome, out);
    check("blocked", expect.blocked(), outcome, out);
    expect.handlers().forEach((index, wanted) -> {
      String result = outcome.handlers().getOrDefault(index, "not made");
      if (!result.equals(wanted)) out.add("handlers[" + index + "]: expected " + wanted + ", was " + result);
    });
    return List.copyOf(out);
  }

  private static void check(String wanted, List<String> tasks, Outcome outcome, List<String> out) {
    for (String task : tasks) {
      String fate = fate(task, outcome);
      if (!fate.equals(wanted)) out.add(task + ": expected " + wanted + ", was " + fate);
    }
  }

  /** killed, survived, blocked, or "not in the outcome" (a runner bug worth seeing, not hiding). */
  static String fate(String task, Outcome outcome) {
    if (outcome.killed().contains(task)) return "killed";
    if (outcome.blocked().contains(task)) return "blocked";
    if (outcome.survived().contains(task)) return "survived";
    return "not in the outcome";
  }
}
